namespace Vigie.Sigma.Tests.Regression;

/// <summary>The SigmaHQ rules of the shared data, loaded once per test run (with and without prefilter).</summary>
internal static class SharedRules
{
    public static readonly string[] Folders = ["rules/windows", "rules-emerging-threats", "rules-threat-hunting"];

    private static readonly Lazy<SigmaRuleSet> s_withPrefilter = new(() => Load(prefilter: true));
    private static readonly Lazy<SigmaRuleSet> s_withoutPrefilter = new(() => Load(prefilter: false));

    public static string SigmaRoot => RepositoryPaths.SharedData("sigma");

    public static SigmaRuleSet WithPrefilter
    {
        get
        {
            _ = SigmaRoot;
            return s_withPrefilter.Value;
        }
    }

    public static SigmaRuleSet WithoutPrefilter
    {
        get
        {
            _ = SigmaRoot;
            return s_withoutPrefilter.Value;
        }
    }

    private static SigmaRuleSet Load(bool prefilter)
    {
        var builder = new SigmaRuleSetBuilder(new SigmaEngineOptions { UsePrefilter = prefilter });
        foreach (var folder in Folders)
        {
            builder.AddPath(Path.Combine(SigmaRoot, folder));
        }

        return builder.Build();
    }
}
