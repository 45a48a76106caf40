using System.Buffers;

namespace Vigie.Sigma.Detection;

/// <summary>Many case-insensitive <c>contains</c> values at once: one vectorised multi-string search.</summary>
internal sealed class ContainsAnyMatcher(IReadOnlyList<string> values) : ValueMatcher
{
    private SearchValues<string>? _search;

    public IReadOnlyList<string> Values { get; } = values;

    // The search is built on first use: a rule set loads faster, and the prefilter keeps most of them from running.
    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context) => value.IndexOfAny(_search ?? Search()) >= 0;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private SearchValues<string> Search() => LazyInitializer.EnsureInitialized(ref _search, () => SearchValues.Create([.. Values], StringComparison.OrdinalIgnoreCase));

    public override bool TryAddLiterals(List<string> literals) => AddLiterals(Values, literals);

    public override string Describe() => $"contains one of {Values.Count} values";
}
