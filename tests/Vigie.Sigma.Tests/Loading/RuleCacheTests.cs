using Vigie.Sigma.Testing;
using Vigie.Sigma.Tests.Regression;

namespace Vigie.Sigma.Tests.Loading;

/// <summary>
/// The compiled rule cache (<see cref="SigmaEngineOptions.CacheDirectory"/>): a rule set read back from it is the
/// rule set compiled from the rules (same rules, metadata, rejections, fields and matches on every event of the
/// shared corpus and the regression samples); any change to a rule compiles afresh; a damaged cache is ignored.
/// </summary>
public sealed class RuleCacheTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("vigie-rule-cache-");
    private readonly DirectoryInfo _rules = Directory.CreateTempSubdirectory("vigie-rule-cache-rules-");

    [Fact]
    public void Build_FromTheCache_GivesTheSameRuleSetAndMatchesAsCompiling()
    {
        var compiled = LoadShared();
        Assert.False(compiled.LoadedFromCache);
        var cached = LoadShared();
        Assert.True(cached.LoadedFromCache);

        Assert.Equal(compiled.Rules.Select(Describe), cached.Rules.Select(Describe));
        Assert.Equal(compiled.Rejections, cached.Rejections);
        Assert.Equal(compiled.Fields, cached.Fields);
        Assert.Equal(compiled.VariantCount, cached.VariantCount);
        foreach (var rule in compiled.Rules)
        {
            Assert.Equal(compiled.DetectionFieldsOf(rule), cached.DetectionFieldsOf(cached.Rules[rule.Index]));
        }

        var events = CorpusEvents.Load(RepositoryPaths.SharedData("evtx"), Path.Combine(Path.GetTempPath(), "vigie-sigma-corpus-cache"),
            TestEnvironment.Tool("evtxexport")).Select(e => e.Event).ToList();
        foreach (var json in Directory.EnumerateFiles(Path.Combine(SharedRules.SigmaRoot, "regression_data"), "*.json", SearchOption.AllDirectories))
        {
            events.AddRange(EvtxDumpJson.ReadFile(json));
        }

        var a = compiled.CreateMatcher();
        var b = cached.CreateMatcher();
        var total = 0;
        var differences = new List<string>();
        foreach (var ev in events)
        {
            var left = a.Match(ev).Select(m => (m.Rule.Index, m.Target)).Order().ToList();
            var right = b.Match(ev).Select(m => (m.Rule.Index, m.Target)).Order().ToList();
            total += left.Count;
            if (!left.SequenceEqual(right))
            {
                differences.Add($"{string.Join(",", left)} vs {string.Join(",", right)}");
            }
        }

        output.WriteLine($"{events.Count} events, {total} matches");
        Assert.True(total > 500, "too few matches to prove anything");
        Assert.Empty(differences);
    }

    [Fact]
    public void Build_FromTheCache_HasEveryBucketsPrefilterReadyAsBuilt()
    {
        var compiled = LoadShared();
        var cached = LoadShared();
        Assert.True(cached.LoadedFromCache);

        var built = compiled.Index.Buckets;
        var read = cached.Index.Buckets;
        Assert.Equal(built.Count, read.Count);
        Assert.All(read, b => Assert.True(b.PrefilterReady)); // read, not to be built when the first event comes
        var automata = 0;
        for (var i = 0; i < built.Count; i++)
        {
            var (a, b) = (built[i].Prefilter, read[i].Prefilter);
            Assert.Equal(a is null, b is null);
            if (a is not null && b is not null)
            {
                Assert.Equal(Enumerable.Range(0, built[i].Variants.Length).Select(a.IsFiltered), Enumerable.Range(0, read[i].Variants.Length).Select(b.IsFiltered));
                Assert.Equal(a.Automata.Select(x => (x.Field.Name, x.States)), b.Automata.Select(x => (x.Field.Name, x.States)));
                Assert.Equal(a.TableBytes, b.TableBytes);
                automata += b.Automata.Count();
            }
        }

        Assert.True(automata > 100, $"only {automata} automata");
    }

    [Fact]
    public void Build_WhenAPrefilterInTheCacheIsDamaged_CompilesAfresh()
    {
        var path = Path.Combine(_rules.FullName, "tools.yml");
        File.WriteAllText(path, TestRules.Rule("selection: {Image|endswith: ['\\whoami.exe', '\\net.exe', '\\nltest.exe']}\ncondition: selection"));
        Load(path);
        DamageTheCacheFile(bytes =>
        {
            bytes.AsSpan(bytes.Length - 64).Fill(0x7F); // the end of the last prefilter: lengths and indexes out of range
            return bytes;
        });

        var rules = Load(path);

        Assert.False(rules.LoadedFromCache);
        var matcher = rules.CreateMatcher();
        Assert.Single(matcher.Match(TestRules.Event(("Image", "C:\\Windows\\System32\\NLTEST.EXE"))));
        Assert.Empty(matcher.Match(TestRules.Event(("Image", "C:\\Windows\\System32\\cmd.exe"))));
        Assert.True(Load(path).LoadedFromCache); // written again, whole
    }

    [Fact]
    public void Build_WhenARuleFileChanges_CompilesAfreshAndSeesTheChange()
    {
        var path = Path.Combine(_rules.FullName, "whoami.yml");
        File.WriteAllText(path, TestRules.Rule("selection: {Image|endswith: '\\whoami.exe'}\ncondition: selection"));
        var whoami = TestRules.Event(("Image", "C:\\Windows\\System32\\whoami.exe"));
        var net = TestRules.Event(("Image", "C:\\Windows\\System32\\net.exe"));

        var first = Load(path);
        var again = Load(path);
        File.WriteAllText(path, TestRules.Rule("selection: {Image|endswith: '\\net.exe'}\ncondition: selection"));
        var changed = Load(path);

        Assert.False(first.LoadedFromCache);
        Assert.True(again.LoadedFromCache);
        Assert.False(changed.LoadedFromCache);
        Assert.Single(again.CreateMatcher().Match(whoami));
        Assert.Empty(changed.CreateMatcher().Match(whoami));
        Assert.Single(changed.CreateMatcher().Match(net));
    }

    [Fact]
    public void Build_WhenTheCacheFileIsDamaged_CompilesAfresh()
    {
        var path = Path.Combine(_rules.FullName, "whoami.yml");
        File.WriteAllText(path, TestRules.Rule("selection: {Image|re: 'who(?=ami)'}\ncondition: selection"));
        Load(path);
        DamageTheCacheFile(bytes => bytes[..(bytes.Length / 2)]);

        var rules = Load(path);

        Assert.False(rules.LoadedFromCache);
        Assert.Single(rules.CreateMatcher().Match(TestRules.Event(("Image", "C:\\whoami.exe"))));
        Assert.True(Load(path).LoadedFromCache); // written again, whole
    }

    public void Dispose()
    {
        _cache.Delete(recursive: true);
        _rules.Delete(recursive: true);
    }

    private void DamageTheCacheFile(Func<byte[], byte[]> damage)
    {
        var file = Assert.Single(_cache.GetFiles("*.rules"));
        File.WriteAllBytes(file.FullName, damage(File.ReadAllBytes(file.FullName)));
    }

    private SigmaRuleSet Load(string path) =>
        new SigmaRuleSetBuilder(new SigmaEngineOptions { CacheDirectory = _cache.FullName }).AddPath(path).Build();

    private SigmaRuleSet LoadShared()
    {
        var builder = new SigmaRuleSetBuilder(new SigmaEngineOptions { CacheDirectory = _cache.FullName });
        foreach (var folder in SharedRules.Folders)
        {
            builder.AddPath(Path.Combine(SharedRules.SigmaRoot, folder));
        }

        return builder.Build();
    }

    private static string Describe(SigmaRule r) => string.Join("|", r.Index, r.Kind, r.Source, r.Id, r.Name, r.Title, r.Status, r.Level, r.Description,
        r.Author, r.Date, r.Modified, r.License, string.Join(",", r.Tags), string.Join(",", r.References), string.Join(",", r.FalsePositives),
        string.Join(",", r.Fields), string.Join(",", r.Related), r.Logsource, r.RegressionTestsPath, r.Standalone);
}
