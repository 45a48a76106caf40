using Vigie.Sigma.Detection;
using Vigie.Sigma.Prefilter;

namespace Vigie.Sigma.Engine;

/// <summary>The rule variants that can match events of one (channel, event id), with their prefilter.</summary>
internal sealed class Bucket
{
    public Bucket(RuleVariant[] variants, bool usePrefilter)
    {
        Variants = variants;
        Prefilter = usePrefilter && variants.Length > 0 ? LiteralPrefilter.Build(variants) : null;
    }

    public RuleVariant[] Variants { get; }

    public LiteralPrefilter? Prefilter { get; }

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
