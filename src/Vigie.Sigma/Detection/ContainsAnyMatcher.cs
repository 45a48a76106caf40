using System.Buffers;

namespace Vigie.Sigma.Detection;

/// <summary>Many case-insensitive <c>contains</c> values at once: one vectorised multi-string search.</summary>
internal sealed class ContainsAnyMatcher(IReadOnlyList<string> values) : ValueMatcher
{
    private readonly SearchValues<string> _search = SearchValues.Create([.. values], StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> Values { get; } = values;

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context) => value.IndexOfAny(_search) >= 0;

    public override bool TryAddLiterals(List<string> literals) => AddLiterals(Values, literals);

    public override string Describe() => $"contains one of {Values.Count} values";
}
