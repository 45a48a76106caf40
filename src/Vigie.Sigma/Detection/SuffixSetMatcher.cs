namespace Vigie.Sigma.Detection;

/// <summary>Many case-insensitive <c>endswith</c> values: one hash lookup per distinct suffix length.</summary>
internal sealed class SuffixSetMatcher : ValueMatcher
{
    private readonly (int Length, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup)[] _byLength;
    private readonly List<string> _values;

    public SuffixSetMatcher(IReadOnlyList<string> values)
    {
        _values = [.. values];
        _byLength = [.. values.GroupBy(v => v.Length).OrderBy(g => g.Key)
            .Select(g => (g.Key, new HashSet<string>(g, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>()))];
    }

    public IReadOnlyList<string> Values => _values;

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context)
    {
        foreach (var (length, lookup) in _byLength)
        {
            if (length > value.Length)
            {
                return false;
            }

            if (lookup.Contains(value[^length..]))
            {
                return true;
            }
        }

        return false;
    }

    public override bool TryAddLiterals(List<string> literals) => AddLiterals(_values, literals);

    public override string Describe() => $"ends with one of {_values.Count} values";
}
