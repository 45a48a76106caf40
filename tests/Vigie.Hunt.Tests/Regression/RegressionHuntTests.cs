using System.Text;
namespace Vigie.Hunt.Tests.Regression;

/// <summary>
/// With all SigmaHQ Windows rules, hunting each regression sample's .evtx (through Vigie.Evtx) reports the
/// rule of the sample as often as the Sigma regression test expects (tests/Vigie.Sigma.Tests: match_count,
/// or at least one, with the same documented exceptions).
/// </summary>
public sealed class RegressionHuntTests(ITestOutputHelper output)
{
    /// <summary>The exceptions of tests/Vigie.Sigma.Tests/Regression/RegressionDataTests.cs (samples that hold more satisfying events than match_count says).</summary>
    private static readonly Dictionary<string, int> s_knownExceptions = new(StringComparer.Ordinal)
    {
        [Path.Combine("rules", "windows", "file", "file_event", "file_event_win_anydesk_artefact")] = 3,
        [Path.Combine("rules", "windows", "file", "file_event", "file_event_win_cred_dump_tools_dropped_files")] = 3,
        [Path.Combine("rules", "windows", "registry", "registry_set", "registry_set_change_security_zones")] = 3,
        [Path.Combine("rules", "windows", "registry", "registry_set", "registry_set_disable_administrative_share")] = 2,
    };

    [Fact]
    public void Hunt_OnEachRegressionSample_ReportsItsRuleAsTheSigmaRegressionTestExpects()
    {
        var rules = SharedHuntRules.Rules;
        var root = Path.Combine(SharedHuntRules.SigmaRoot, "regression_data");
        var engine = new HuntEngine(rules, new HuntOptions { Threads = 2 });
        var failures = new StringBuilder();
        var tests = 0;
        foreach (var info in Directory.EnumerateFiles(root, "info.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var folder = Path.GetRelativePath(root, Path.GetDirectoryName(info)!);
            var text = File.ReadAllText(info);
            var ruleId = Field(text[Math.Max(0, text.IndexOf("rule_metadata:", StringComparison.Ordinal))..], "id");
            foreach (var evtxName in Paths(text))
            {
                var evtx = Path.Combine(Path.GetDirectoryName(info)!, Path.GetFileName(evtxName));
                if (ruleId is null || !File.Exists(evtx) || !evtx.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                tests++;
                var sink = new ListSink();
                engine.Run([new HuntInput(evtx, HuntInputKind.Evtx, new FileInfo(evtx).Length)], sink, TestContext.Current.CancellationToken);
                var count = sink.Rows.Count(r => string.Equals(r.RuleId, ruleId, StringComparison.OrdinalIgnoreCase));
                var expectedText = Field(text, "match_count");
                bool passed;
                string expected;
                if (s_knownExceptions.TryGetValue(folder, out var known))
                {
                    passed = count == known;
                    expected = known.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (known exception)";
                }
                else if (expectedText is not null)
                {
                    passed = count == int.Parse(expectedText, System.Globalization.CultureInfo.InvariantCulture);
                    expected = expectedText;
                }
                else
                {
                    passed = count >= 1;
                    expected = ">= 1";
                }

                if (!passed)
                {
                    failures.AppendLine($"{folder}: expected {expected}, got {count}");
                }
            }
        }

        output.WriteLine($"{tests} samples hunted");
        output.WriteLine(failures.ToString());
        Assert.True(tests >= 150, $"only {tests} regression samples found");
        Assert.True(failures.Length == 0, failures.ToString());
    }

    private static string? Field(string yaml, string name)
    {
        foreach (var line in yaml.Split('\n'))
        {
            var trimmed = line.Trim().TrimStart('-').Trim();
            if (trimmed.StartsWith(name + ":", StringComparison.Ordinal))
            {
                var value = trimmed[(name.Length + 1)..].Trim().Trim('\'', '"');
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }

    private static IEnumerable<string> Paths(string yaml)
    {
        foreach (var line in yaml.Split('\n'))
        {
            var trimmed = line.Trim().TrimStart('-').Trim();
            if (trimmed.StartsWith("path:", StringComparison.Ordinal))
            {
                yield return trimmed["path:".Length..].Trim().Trim('\'', '"');
            }
        }
    }
}
