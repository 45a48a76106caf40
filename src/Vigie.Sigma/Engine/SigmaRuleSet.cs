using Vigie.Sigma.Engine;

namespace Vigie.Sigma;

/// <summary>
/// Compiled rules, immutable and shared by every thread: rule variants indexed by channel and event id,
/// each with its literal prefilter. Build one with <see cref="SigmaRuleSetBuilder"/>.
/// </summary>
public sealed class SigmaRuleSet
{
    private readonly Lazy<RuleFieldIndex> _fieldIndex;

    internal SigmaRuleSet(
        IReadOnlyList<SigmaRule> rules,
        IReadOnlyList<SigmaRejection> rejections,
        IReadOnlyList<RuleVariant> variants,
        FieldTable fields,
        RuleIndex index,
        IReadOnlyList<Correlation.CorrelationRule> correlations,
        bool loadedFromCache)
    {
        LoadedFromCache = loadedFromCache;
        Rules = rules;
        Rejections = rejections;
        Variants = variants;
        FieldTable = fields;
        Index = index;
        CorrelationRules = correlations;
        _fieldIndex = new Lazy<RuleFieldIndex>(() => new RuleFieldIndex(Variants, CorrelationRules));
    }


    /// <summary>True when the rule set was read from the compiled rule cache (<see cref="SigmaEngineOptions.CacheDirectory"/>).</summary>
    public bool LoadedFromCache { get; }

    /// <summary>The loaded rules (detection and correlation), in load order.</summary>
    public IReadOnlyList<SigmaRule> Rules { get; }

    /// <summary>What could not be loaded, and why.</summary>
    public IReadOnlyList<SigmaRejection> Rejections { get; }

    /// <summary>
    /// Every field the loaded rules read (ids are dense from 0): adapters may resolve their own field names
    /// to these once. Ids 0, 1 and 2 are <c>Channel</c>, <c>EventID</c> and <c>Provider_Name</c>.
    /// </summary>
    public IReadOnlyList<SigmaField> Fields => FieldTable.Fields;

    /// <summary>The number of compiled (rule, target) variants.</summary>
    public int VariantCount => Variants.Count;

    internal IReadOnlyList<RuleVariant> Variants { get; }

    internal FieldTable FieldTable { get; }

    internal RuleIndex Index { get; }

    internal IReadOnlyList<Correlation.CorrelationRule> CorrelationRules { get; }

    /// <summary>
    /// A matcher for one thread. With a <paramref name="budget"/> (shared by the matchers of one run), a rule whose
    /// backtracking regular expressions run past it is disabled for the rest of the run.
    /// </summary>
    public SigmaMatcher CreateMatcher(SigmaRegexBudget? budget = null) => new(this, budget);

    /// <summary>A correlation engine over the stream of this rule set's matches (one per ordered stream).</summary>
    public SigmaCorrelator CreateCorrelator() => new(this);

    /// <summary>
    /// The fields the detection of <paramref name="rule"/> reads (every target, in rule order, without
    /// repeats); empty for correlation rules. For outputs that show why a rule fired.
    /// </summary>
    public IReadOnlyList<SigmaField> DetectionFieldsOf(SigmaRule rule) => _fieldIndex.Value.DetectionFields(rule);

    /// <summary>
    /// The fields correlation rules read from the events that <paramref name="rule"/> matches (group-by and
    /// value fields), or null when no correlation reads that rule: what a hunt must keep of a match to feed
    /// <see cref="SigmaCorrelator"/> later, in time order.
    /// </summary>
    public IReadOnlyList<SigmaField>? CorrelationFieldsOf(SigmaRule rule) => _fieldIndex.Value.CorrelationFields(rule);

    /// <summary>True when correlation rules are loaded.</summary>
    public bool HasCorrelations => CorrelationRules.Count > 0;

    /// <summary>The field of that name, when a loaded rule reads it.</summary>
    public bool TryGetField(string name, out SigmaField field) => FieldTable.TryGet(name, out field);
}
