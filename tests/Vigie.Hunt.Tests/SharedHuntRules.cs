using Vigie.Sigma;

namespace Vigie.Hunt.Tests;

/// <summary>All SigmaHQ Windows rules of the shared data, loaded once (regex timeout generous: the machine is shared and loaded).</summary>
internal static class SharedHuntRules
{
    public static readonly string[] Folders = ["rules/windows", "rules-emerging-threats", "rules-threat-hunting"];

    private static readonly Lazy<SigmaRuleSet> s_rules = new(() => Load(prefilter: true));
    private static readonly Lazy<SigmaRuleSet> s_naive = new(() => Load(prefilter: false));

    public static string SigmaRoot => RepositoryPaths.SharedData("sigma");

    public static SigmaRuleSet Rules
    {
        get
        {
            _ = SigmaRoot;
            return s_rules.Value;
        }
    }

    /// <summary>The same rules without the literal prefilter: every rule of an event's bucket is evaluated.</summary>
    public static SigmaRuleSet WithoutPrefilter
    {
        get
        {
            _ = SigmaRoot;
            return s_naive.Value;
        }
    }

    private static SigmaRuleSet Load(bool prefilter)
    {
        var builder = new SigmaRuleSetBuilder(new SigmaEngineOptions { UsePrefilter = prefilter, RegexTimeout = TimeSpan.FromSeconds(10) });
        foreach (var folder in Folders)
        {
            builder.AddPath(Path.Combine(SigmaRoot, folder));
        }

        return builder.Build();
    }
}
