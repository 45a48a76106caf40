namespace Vigie.Evtx.BinXml;

/// <summary>
/// A named value as a template describes it: a name (literal, or parts to render, or positional <c>Data</c>)
/// and the node range of its value parts; or a Binary XML substitution to expand per record.
/// </summary>
internal readonly record struct DataItem(
    string? Name,
    int NameStart,
    int NameEnd,
    int PartsStart,
    int PartsEnd,
    int NestedIndex,
    DataContext NestedContext)
{
    public bool IsNested => NestedIndex >= 0;

    public bool IsPositional => Name is null && NameStart < 0;

    public static DataItem Named(string name, int partsStart, int partsEnd) => new(name, -1, -1, partsStart, partsEnd, -1, default);

    public static DataItem NamedByParts(int nameStart, int nameEnd, int partsStart, int partsEnd) => new(null, nameStart, nameEnd, partsStart, partsEnd, -1, default);

    public static DataItem Positional(int partsStart, int partsEnd) => new(null, -1, -1, partsStart, partsEnd, -1, default);

    public static DataItem Nested(int substitutionIndex, DataContext context) => new(null, -1, -1, -1, -1, substitutionIndex, context);
}

/// <summary>
/// One named value of a record: its name, the fragment instance and node range of its value parts, the array item
/// it is (-1: the whole value), for an unnamed <c>Data</c> item its position (1-based; 0 otherwise), and the
/// substitution that is all its parts (-1 when its parts are anything else: text, several parts, none).
/// </summary>
internal readonly record struct NamedEntry(string Name, int Instance, int PartsStart, int PartsEnd, int ArrayIndex, int Position, int Substitution)
{
    /// <summary>The substitution that is all of parts [<paramref name="start"/>, <paramref name="end"/>), or -1.</summary>
    public static int SoleSubstitution(TemplateNode[] nodes, int start, int end) =>
        end == start + 1 && nodes[start].Kind == NodeKind.Substitution ? nodes[start].Index : -1;
}

/// <summary>A nested value met while listing a record's named values: where, and the instance and template it decoded to.</summary>
internal readonly record struct NestedVisit(int Instance, int Index, int Result, CompiledTemplate? Template);

/// <summary>The named values of a record, and the nested values that gave them (none when its template nests nothing).</summary>
internal sealed record NamedList(NamedEntry[] Entries, NestedVisit[] Visits);
