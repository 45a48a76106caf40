using System.Runtime.CompilerServices;
namespace Vigie.Evtx.BinXml;

/// <summary>
/// A template definition (or a template-less record body) decoded once per chunk into flat nodes, with
/// the places of the System fields and of the named values resolved up front, so that a record using the
/// template only has to decode its substitution values.
/// </summary>
internal sealed class CompiledTemplate
{
    private const int SystemFieldCount = (int)EvtxSystemField.UserId + 1;
    private readonly DataItem[]?[] _items = new DataItem[]?[4];
    private (int Start, int End)[]? _systemFields;

    public CompiledTemplate(TemplateNode[] nodes) => Nodes = nodes;

    /// <summary>Fills the UTF-8 forms of names and literal texts (once per template and chunk, from the reader's cache).</summary>
    public void PrepareUtf8(Rendering.Utf8Cache cache)
    {
        var nodes = Nodes;
        var attributeEnd = -1;
        for (var i = 0; i < nodes.Length; i++)
        {
            ref var node = ref nodes[i];
            switch (node.Kind)
            {
                case NodeKind.Element:
                case NodeKind.Attribute:
                case NodeKind.ProcessingInstruction:
                    node.Utf8 = cache.XmlName(node.Text ?? string.Empty);
                    node.JsonSafeName = Rendering.JsonRenderer.IsSafe(node.Text) && ReferenceEquals(node.Utf8, cache.Raw(node.Text ?? string.Empty));
                    if (node.Kind == NodeKind.Attribute)
                    {
                        attributeEnd = node.End;
                    }

                    break;
                case NodeKind.Text:
                    node.Utf8 = i < attributeEnd ? cache.EscapedAttribute(node.Text ?? string.Empty) : cache.EscapedText(node.Text ?? string.Empty);
                    break;
                default:
                    break;
            }
        }
    }

    public TemplateNode[] Nodes { get; }

    /// <summary>A number unique within the reader that made the template (render plans name nested templates by it).</summary>
    public int Id { get; set; }

    private Dictionary<int, Rendering.RenderPlan>? _jsonPlans;
    private Dictionary<int, Rendering.RenderPlan>? _xmlPlans;

    /// <summary>The JSON (or XML) plans recorded for this template (one per shape of values seen).</summary>
    public int PlanCount(bool xml) => (xml ? _xmlPlans : _jsonPlans)?.Count ?? 0;

    public Rendering.RenderPlan? FindPlan(bool xml, ReadOnlySpan<ushort> signature) =>
        (xml ? _xmlPlans : _jsonPlans) is { } plans && plans.TryGetValue(Hash(signature), out var plan) && signature.SequenceEqual(plan.Signature) ? plan : null;

    public void AddPlan(bool xml, Rendering.RenderPlan plan)
    {
        var plans = xml ? (_xmlPlans ??= []) : (_jsonPlans ??= []);
        plans.TryAdd(Hash(plan.Signature), plan); // on a hash collision the first shape keeps the place
    }

    private static int Hash(ReadOnlySpan<ushort> signature)
    {
        var hash = new HashCode();
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(signature));
        return hash.ToHashCode();
    }

    /// <summary>True when <paramref name="other"/> has the same nodes (kinds, names, texts, substitutions, shape).</summary>
    public bool SameStructure(CompiledTemplate other) => SameStructure(other.Nodes);

    /// <summary>True when <paramref name="b"/> are this template's nodes: the same structure, names and texts.</summary>
    public bool SameStructure(ReadOnlySpan<TemplateNode> b)
    {
        var a = Nodes;
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            ref readonly var x = ref a[i];
            ref readonly var y = ref b[i];
            if (x.Kind != y.Kind || x.ValueType != y.ValueType || x.Optional != y.Optional || x.BlockContent != y.BlockContent ||
                x.Index != y.Index || x.ContentStart != y.ContentStart || x.End != y.End ||
                !string.Equals(x.Text, y.Text, StringComparison.Ordinal) || !string.Equals(x.Text2, y.Text2, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The node range of a System field's value parts, or (-1, -1) when the template has none.</summary>
    public (int Start, int End) SystemField(EvtxSystemField field)
    {
        _systemFields ??= MapSystemFields();
        return _systemFields[(int)field];
    }

    private int[]? _systemSubstitutions;

    /// <summary>The substitution that is all of a System field's value, or -1 (no such field, or text, or several parts).</summary>
    public int SystemSubstitution(EvtxSystemField field)
    {
        _systemSubstitutions ??= MapSystemSubstitutions();
        return _systemSubstitutions[(int)field];
    }

    private int[] MapSystemSubstitutions()
    {
        var substitutions = new int[SystemFieldCount];
        for (var field = 0; field < SystemFieldCount; field++)
        {
            var (start, end) = SystemField((EvtxSystemField)field);
            substitutions[field] = start >= 0 ? NamedEntry.SoleSubstitution(Nodes, start, end) : -1;
        }

        return substitutions;
    }

    /// <summary>The named values of this fragment when its roots sit in <paramref name="context"/>.</summary>
    public DataItem[] Items(DataContext context) => _items[(int)context] ??= CollectItems(context);

    private readonly NamedList?[] _namedLists = new NamedList?[8];
    private int _namedListNext;

    /// <summary>
    /// The named-value lists of records of this template, one per way of nesting Binary XML met (the last 8; a
    /// template that nests nothing has one), kept for the next records (see EvtxRecord.BuildNamed).
    /// </summary>
    public ReadOnlySpan<NamedList?> NamedLists => _namedLists;

    public void KeepNamedList(NamedList named)
    {
        _namedLists[_namedListNext] = named;
        _namedListNext = (_namedListNext + 1) % _namedLists.Length;
    }

    private (int Start, int End)[] MapSystemFields()
    {
        var fields = new (int Start, int End)[SystemFieldCount];
        Array.Fill(fields, (-1, -1));
        var nodes = Nodes;
        for (var root = 0; root < nodes.Length; root = NextSibling(root))
        {
            if (nodes[root].Kind != NodeKind.Element || nodes[root].Text != "Event")
            {
                continue;
            }

            for (var child = nodes[root].ContentStart; child < nodes[root].End; child = NextSibling(child))
            {
                if (nodes[child].Kind == NodeKind.Element && nodes[child].Text == "System")
                {
                    MapSystem(child, fields);
                }
            }
        }

        return fields;
    }

    private void MapSystem(int system, (int Start, int End)[] fields)
    {
        var nodes = Nodes;
        for (var child = nodes[system].ContentStart; child < nodes[system].End; child = NextSibling(child))
        {
            ref readonly var element = ref nodes[child];
            if (element.Kind != NodeKind.Element)
            {
                continue;
            }

            switch (element.Text)
            {
                case "Provider":
                    MapAttribute(child, "Name", EvtxSystemField.ProviderName, fields);
                    MapAttribute(child, "Guid", EvtxSystemField.ProviderGuid, fields);
                    MapAttribute(child, "EventSourceName", EvtxSystemField.EventSourceName, fields);
                    break;
                case "EventID":
                    fields[(int)EvtxSystemField.EventId] = (element.ContentStart, element.End);
                    MapAttribute(child, "Qualifiers", EvtxSystemField.Qualifiers, fields);
                    break;
                case "Version":
                    fields[(int)EvtxSystemField.Version] = (element.ContentStart, element.End);
                    break;
                case "Level":
                    fields[(int)EvtxSystemField.Level] = (element.ContentStart, element.End);
                    break;
                case "Task":
                    fields[(int)EvtxSystemField.Task] = (element.ContentStart, element.End);
                    break;
                case "Opcode":
                    fields[(int)EvtxSystemField.Opcode] = (element.ContentStart, element.End);
                    break;
                case "Keywords":
                    fields[(int)EvtxSystemField.Keywords] = (element.ContentStart, element.End);
                    break;
                case "TimeCreated":
                    MapAttribute(child, "SystemTime", EvtxSystemField.TimeCreated, fields);
                    break;
                case "EventRecordID":
                    fields[(int)EvtxSystemField.EventRecordId] = (element.ContentStart, element.End);
                    break;
                case "Correlation":
                    MapAttribute(child, "ActivityID", EvtxSystemField.ActivityId, fields);
                    MapAttribute(child, "RelatedActivityID", EvtxSystemField.RelatedActivityId, fields);
                    break;
                case "Execution":
                    MapAttribute(child, "ProcessID", EvtxSystemField.ProcessId, fields);
                    MapAttribute(child, "ThreadID", EvtxSystemField.ThreadId, fields);
                    break;
                case "Channel":
                    fields[(int)EvtxSystemField.Channel] = (element.ContentStart, element.End);
                    break;
                case "Computer":
                    fields[(int)EvtxSystemField.Computer] = (element.ContentStart, element.End);
                    break;
                case "Security":
                    MapAttribute(child, "UserID", EvtxSystemField.UserId, fields);
                    break;
                default:
                    break;
            }
        }
    }

    private void MapAttribute(int element, string name, EvtxSystemField field, (int Start, int End)[] fields)
    {
        var attribute = FindAttribute(element, name);
        if (attribute >= 0)
        {
            fields[(int)field] = (attribute + 1, Nodes[attribute].End);
        }
    }

    /// <summary>The index of the element's attribute of that name, or -1.</summary>
    public int FindAttribute(int element, string name)
    {
        var nodes = Nodes;
        for (var a = element + 1; a < nodes[element].ContentStart; a = nodes[a].End)
        {
            if (nodes[a].Kind == NodeKind.Attribute && nodes[a].Text == name)
            {
                return a;
            }
        }

        return -1;
    }

    /// <summary>The index of the node after this one and its subtree.</summary>
    public int NextSibling(int index)
    {
        ref readonly var node = ref Nodes[index];
        return node.Kind is NodeKind.Element or NodeKind.Attribute ? node.End : index + 1;
    }

    private DataItem[] CollectItems(DataContext context)
    {
        var items = new List<DataItem>();
        var nodes = Nodes;
        for (var root = 0; root < nodes.Length; root = NextSibling(root))
        {
            ref readonly var node = ref nodes[root];
            if (node.Kind == NodeKind.Substitution)
            {
                items.Add(DataItem.Nested(node.Index, context == DataContext.Root ? DataContext.EventChildren : context));
                continue;
            }

            if (node.Kind != NodeKind.Element)
            {
                continue;
            }

            switch (context)
            {
                case DataContext.Root when node.Text == "Event":
                    CollectEventChildren(root, items);
                    break;
                case DataContext.Root:
                case DataContext.EventChildren:
                    CollectEventChild(root, items);
                    break;
                case DataContext.EventData:
                    CollectEventDataChild(root, items);
                    break;
                default:
                    CollectLeaves(root, items);
                    break;
            }
        }

        return items.ToArray();
    }

    private void CollectEventChildren(int eventElement, List<DataItem> items)
    {
        var nodes = Nodes;
        for (var child = nodes[eventElement].ContentStart; child < nodes[eventElement].End; child = NextSibling(child))
        {
            if (nodes[child].Kind == NodeKind.Element)
            {
                CollectEventChild(child, items);
            }
            else if (nodes[child].Kind == NodeKind.Substitution)
            {
                items.Add(DataItem.Nested(nodes[child].Index, DataContext.EventChildren));
            }
        }
    }

    private void CollectEventChild(int element, List<DataItem> items)
    {
        var nodes = Nodes;
        switch (nodes[element].Text)
        {
            case "EventData":
                for (var child = nodes[element].ContentStart; child < nodes[element].End; child = NextSibling(child))
                {
                    if (nodes[child].Kind == NodeKind.Element)
                    {
                        CollectEventDataChild(child, items);
                    }
                    else if (nodes[child].Kind == NodeKind.Substitution)
                    {
                        items.Add(DataItem.Nested(nodes[child].Index, DataContext.EventData));
                    }
                }

                break;
            case "UserData":
            case "ProcessingErrorData":
            case "DebugData":
                for (var child = nodes[element].ContentStart; child < nodes[element].End; child = NextSibling(child))
                {
                    if (nodes[child].Kind == NodeKind.Element)
                    {
                        CollectLeaves(child, items);
                    }
                    else if (nodes[child].Kind == NodeKind.Substitution)
                    {
                        items.Add(DataItem.Nested(nodes[child].Index, DataContext.Leaves));
                    }
                }

                break;
            default:
                break;
        }
    }

    private void CollectEventDataChild(int element, List<DataItem> items)
    {
        ref readonly var node = ref Nodes[element];
        if (node.Text != "Data")
        {
            items.Add(DataItem.Named(node.Text ?? string.Empty, node.ContentStart, node.End));
            return;
        }

        var nameAttribute = FindAttribute(element, "Name");
        if (nameAttribute < 0)
        {
            items.Add(DataItem.Positional(node.ContentStart, node.End));
            return;
        }

        var partsStart = nameAttribute + 1;
        var partsEnd = Nodes[nameAttribute].End;
        if (partsEnd == partsStart + 1 && Nodes[partsStart].Kind == NodeKind.Text)
        {
            items.Add(DataItem.Named(Nodes[partsStart].Text ?? string.Empty, node.ContentStart, node.End));
        }
        else
        {
            items.Add(DataItem.NamedByParts(partsStart, partsEnd, node.ContentStart, node.End));
        }
    }

    private void CollectLeaves(int element, List<DataItem> items)
    {
        var nodes = Nodes;
        ref readonly var node = ref nodes[element];
        for (var a = element + 1; a < node.ContentStart; a = nodes[a].End)
        {
            var name = nodes[a].Text ?? string.Empty;
            if (name == "xmlns" || name.StartsWith("xmlns:", StringComparison.Ordinal))
            {
                continue;
            }

            items.Add(DataItem.Named(name, a + 1, nodes[a].End));
        }

        var hasChildElements = false;
        for (var child = node.ContentStart; child < node.End; child = NextSibling(child))
        {
            if (nodes[child].Kind == NodeKind.Element ||
                (nodes[child].Kind == NodeKind.Substitution && nodes[child].ValueType == (byte)EvtxValueType.BinXml))
            {
                hasChildElements = true;
                break;
            }
        }

        if (!hasChildElements)
        {
            items.Add(DataItem.Named(node.Text ?? string.Empty, node.ContentStart, node.End));
            return;
        }

        for (var child = node.ContentStart; child < node.End; child = NextSibling(child))
        {
            if (nodes[child].Kind == NodeKind.Element)
            {
                CollectLeaves(child, items);
            }
            else if (nodes[child].Kind == NodeKind.Substitution)
            {
                items.Add(DataItem.Nested(nodes[child].Index, DataContext.Leaves));
            }
        }
    }
}
