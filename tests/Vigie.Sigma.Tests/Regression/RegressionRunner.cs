using Vigie.Sigma.Rules;
using Vigie.Sigma.Yaml;

namespace Vigie.Sigma.Tests.Regression;

/// <summary>Runs every regression test of the shared data through a rule set.</summary>
internal static class RegressionRunner
{
    public sealed record Result(string Folder, string RuleId, string Expected, int Actual, bool Passed, bool RuleLoaded);

    public static List<Result> Run(SigmaRuleSet rules)
    {
        var root = Path.Combine(SharedRules.SigmaRoot, "regression_data");
        var matcher = rules.CreateMatcher();
        var byId = rules.Rules.Where(r => r.Id is not null).ToDictionary(r => r.Id!, StringComparer.OrdinalIgnoreCase);
        var results = new List<Result>();
        var matches = new List<SigmaMatch>();
        foreach (var info in Directory.EnumerateFiles(root, "info.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetRelativePath(root, Path.GetDirectoryName(info)!);
            var doc = YamlReader.ReadDocuments(File.ReadAllText(info), YamlLimits.Default).Documents.FirstOrDefault() as YMap;
            var ruleId = (doc?["rule_metadata"] as YSeq)?.Items.OfType<YMap>().Select(m => RuleParser.Text(m["id"])).FirstOrDefault();
            var tests = (doc?["regression_tests_info"] as YSeq)?.Items.OfType<YMap>().ToList() ?? [];
            foreach (var test in tests)
            {
                var evtxPath = RuleParser.Text(test["path"]) ?? "";
                var json = Path.Combine(Path.GetDirectoryName(info)!, Path.GetFileNameWithoutExtension(evtxPath) + ".json");
                if (ruleId is null || RuleParser.Text(test["type"]) != "evtx" || !File.Exists(json))
                {
                    continue; // not an EVTX sample (the cisco one is a raw log for a non-Windows rule)
                }

                var expectedText = RuleParser.Text(test["match_count"]);
                int? expected = expectedText is null ? null : int.Parse(expectedText, System.Globalization.CultureInfo.InvariantCulture);
                var count = 0;
                foreach (var ev in EvtxDumpJson.ReadFile(json))
                {
                    matches.Clear();
                    matcher.Match(ev, matches);
                    count += matches.Count(m => string.Equals(m.Rule.Id, ruleId, StringComparison.OrdinalIgnoreCase));
                }

                var passed = expected is { } n ? count == n : count >= 1;
                results.Add(new Result(folder, ruleId, expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ">= 1", count, passed, byId.ContainsKey(ruleId)));
            }
        }

        return results;
    }
}
