namespace Vigie.Sigma.Detection;

/// <summary>Many plain values compared for equality: one hash lookup instead of a loop.</summary>
internal sealed class EqualsSetMatcher : ValueMatcher
{
    private readonly HashSet<string> _values;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public EqualsSetMatcher(IEnumerable<string> values, bool cased)
    {
        Cased = cased;
        _values = new HashSet<string>(values, cased ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Cased { get; }

    public IReadOnlyCollection<string> Values => _values;

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context) => _lookup.Contains(value);

    public override bool TryAddLiterals(List<string> literals) => AddLiterals(_values, literals);

    public override string Describe() => $"one of {_values.Count} values";
}
