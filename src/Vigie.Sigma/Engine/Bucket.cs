using Vigie.Sigma.Detection;
using Vigie.Sigma.Prefilter;

namespace Vigie.Sigma.Engine;

/// <summary>
/// The rule variants that can match events of one (channel, event id), with their prefilter. The prefilter is
/// built when the first event of the bucket arrives (a hunt meets a fraction of the buckets, so compiling rules
/// without a cache is faster), or read from the rule cache, which keeps every bucket's.
/// </summary>
internal sealed class Bucket(RuleVariant[] variants, bool usePrefilter)
{
    private readonly Lock _gate = new();
    private LiteralPrefilter? _prefilter;
    private volatile bool _built = !usePrefilter || variants.Length == 0;

    public RuleVariant[] Variants { get; } = variants;

    /// <summary>True once the prefilter is there (built, read from the rule cache, or none is used).</summary>
    internal bool PrefilterReady => _built;

    public LiteralPrefilter? Prefilter => _built ? _prefilter : BuildPrefilter();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private LiteralPrefilter? BuildPrefilter()
    {
        lock (_gate)
        {
            if (!_built)
            {
                _prefilter = LiteralPrefilter.Build(Variants);
                _built = true;
            }

            return _prefilter;
        }
    }

    /// <summary>Takes the prefilter an earlier run built for the same variants (read from the rule cache).</summary>
    internal void Preset(LiteralPrefilter? prefilter)
    {
        lock (_gate)
        {
            _prefilter = prefilter;
            _built = true;
        }
    }

    public void Evaluate(EvalContext context, MatcherScratch scratch, List<SigmaMatch> output)
    {
        if (Prefilter is { } prefilter)
        {
            prefilter.Evaluate(this, context, scratch, output);
            return;
        }

        foreach (var variant in Variants)
        {
            EvaluateVariant(variant, context, output);
        }
    }

    internal static void EvaluateVariant(RuleVariant variant, EvalContext context, List<SigmaMatch> output)
    {
        if (context.Budget is { } budget && budget.IsDisabled(variant.Rule.Index))
        {
            return; // its regular expressions ran past the run's budget
        }

        context.Evaluated++;
        context.CurrentRule = variant.Rule;
        context.CurrentRuleTimedOut = false;
        if (variant.Root.Evaluate(context))
        {
            output.Add(new SigmaMatch(variant.Rule, variant.TargetName));
        }
    }
}
