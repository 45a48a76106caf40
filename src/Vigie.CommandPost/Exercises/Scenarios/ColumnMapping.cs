using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// An explicit mapping of a chronogramme's columns for a layout Vigie does not recognise: field → header text (as in the
/// file, compared without case or accents). Written <c>content=Texte du message;to=Pour;offset=T0+</c> (<c>;</c> or a new
/// line between pairs; fields by their wire or French name).
/// </summary>
public sealed record ColumnMapping(IReadOnlyDictionary<ChronogrammeField, string> Columns)
{
    public static ColumnMapping Empty { get; } = new(new Dictionary<ChronogrammeField, string>());

    public bool IsEmpty => Columns.Count == 0;

    public static Result<ColumnMapping> Parse(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var columns = new Dictionary<ChronogrammeField, string>();
        foreach (var text in texts)
        {
            foreach (var pair in (text ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == pair.Length - 1)
                {
                    return Problem.Invalid("map", ProblemCode.MappingPairInvalid, pair);
                }

                var name = pair[..equals].Trim();
                if (ChronogrammeColumns.FieldNamed(name) is not { } field)
                {
                    return Problem.Invalid("map", ProblemCode.MappingFieldUnknown, name, string.Join(", ", WireName<ChronogrammeField>.All));
                }

                columns[field] = pair[(equals + 1)..].Trim();
            }
        }

        return new ColumnMapping(columns);
    }

    /// <summary>The mapping as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => string.Join(";", Columns.Select(c => $"{WireName<ChronogrammeField>.Of(c.Key)}={c.Value}"));
}
