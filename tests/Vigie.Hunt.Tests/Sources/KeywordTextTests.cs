using Vigie.Evtx;
using Vigie.Hunt.Sources;
using Vigie.Sigma;

namespace Vigie.Hunt.Tests.Sources;

/// <summary>
/// A keyword search for text with a letter no number has (Mimikatz's <c>sekurlsa::</c>) reads the EVTX adapter's
/// <see cref="ISigmaEvent.GetAnyText"/>, which gives numbers, GUIDs, SIDs and dates as empty texts instead of building
/// them. It must hide nothing else: on every record of the shared corpus, each value it gives is the one
/// <see cref="ISigmaEvent.GetAnyValue"/> gives, or empty where that one holds only <see cref="ISigmaEvent.ScalarCharacters"/>.
/// </summary>
public sealed class KeywordTextTests
{
    [Fact]
    public void ScalarCharacters_HoldEveryCharacterOfANumericText_InBothCases()
    {
        foreach (var c in EvtxRecord.NumericTextCharacters)
        {
            Assert.Contains(c, ISigmaEvent.ScalarCharacters);
            Assert.Contains(char.ToUpperInvariant(c), ISigmaEvent.ScalarCharacters);
            Assert.Contains(char.ToLowerInvariant(c), ISigmaEvent.ScalarCharacters);
        }
    }

    [Fact]
    public void GetAnyText_OnEveryCorpusRecord_HidesOnlyValuesOfScalarCharacters()
    {
        var rules = new SigmaRuleSetBuilder().AddYaml("""
            title: Keyword
            logsource: {product: windows}
            detection:
              keywords: ['sekurlsa::']
              condition: keywords
            """, "keyword.yml").Build();
        var ev = new EvtxSigmaEvent(rules);
        var corpus = RepositoryPaths.SharedData("evtx");
        var (values, hidden, records) = (0, 0, 0);
        var failures = new List<string>();
        foreach (var path in Directory.EnumerateFiles(corpus, "*.evtx", SearchOption.AllDirectories))
        {
            Assert.True(EvtxFile.TryOpen(path, out var file, out var error), error);
            using (file)
            {
                foreach (var record in file.ReadRecords())
                {
                    records++;
                    ev.Reset(record);
                    for (var i = 0; ; i++)
                    {
                        var kind = ev.GetAnyValue(i, out var value);
                        var text = value.ToString();
                        Assert.Equal(kind, ev.GetAnyText(i, out var shown));
                        if (kind == SigmaValueKind.Absent)
                        {
                            break;
                        }

                        values++;
                        if (shown.SequenceEqual(text))
                        {
                            continue;
                        }

                        hidden++;
                        if (!shown.IsEmpty || text.AsSpan().IndexOfAnyExcept(ISigmaEvent.ScalarCharacters) >= 0)
                        {
                            failures.Add($"{Path.GetFileName(path)} record {record.RecordId} value {i}: '{text}' given as '{shown}'");
                        }
                    }
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(records >= 8255, $"only {records} records read");
        Assert.True(hidden > values / 4, $"{hidden} of {values} values hidden: the adapter builds them all");
    }
}
