using System.Collections.Concurrent;
using System.Xml.Linq;

namespace Vigie.Evtx.Tests.Corpus;

/// <summary>
/// Records left in slack space, read by Vigie (<see cref="EvtxReadOptions.RecoverSlack"/>) and by libevtx's
/// evtxexport (<c>-m recovered</c>). libevtx also lists as "recovered" stale copies of records that are still
/// live in the file: Vigie does not count those twice. libevtx decodes a slack record with whatever bytes now
/// sit at the offsets it names, even when the chunk was reused since: the template there has another
/// identifier than the one the record names, or the name offset no longer points at a name, and the record
/// comes out with another event's field names (a Sysmon event 10 with the names of event 13) or garbage.
/// Vigie recovers only the records that decode whole with the templates and names the chunk really holds
/// (203 of the 303 that evtxexport recovers and that are not copies are refused for that reason). The records
/// both recover have the same values; the live records stay exactly those of the plain read.
/// </summary>
public sealed class SlackRecoveryComparisonTests
{
    [Fact]
    public async Task Corpus_WhenSlackIsRecovered_FindsEveryRecordEvtxexportRecoversThatIsNotACopyOfALiveOne()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var evtxexport = TestEnvironment.Tool("evtxexport");
        var files = Directory.EnumerateFiles(corpus, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var differences = new ConcurrentBag<string>();
        int live = 0, recovered = 0, recoveredByLibevtx = 0, refused = 0;

        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = TestContext.Current.CancellationToken },
            async (path, token) =>
            {
                var name = Path.GetRelativePath(corpus, path);
                var liveIds = EventXmlCanonicalizer.ParseEvents(await EvtxExportComparisonTests.RunEvtxexport(evtxexport, path, token))
                    .Select(RecordIdOf).ToHashSet();
                var theirs = ParseEachEvent(await EvtxExportComparisonTests.RunEvtxexport(evtxexport, path, token, "recovered"))
                    .Where(e => !liveIds.Contains(RecordIdOf(e)))
                    .GroupBy(RecordIdOf)
                    .ToDictionary(g => g.Key, g => g.Select(e => EventXmlCanonicalizer.Canonical(e)).ToList());

                var ours = new Dictionary<string, List<List<string>>>();
                var liveHeaderIds = new HashSet<ulong>();
                var recoveredHeaderIds = new List<ulong>();
                var liveCount = 0;
                Assert.True(EvtxFile.TryOpen(path, new EvtxReadOptions { RecoverSlack = true }, out var file, out var error), error);
                using (file)
                {
                    foreach (var record in file.ReadRecords(p => differences.Add($"{name}: unexpected problem {p}")))
                    {
                        if (!record.RecoveredFromSlack)
                        {
                            liveCount++;
                            liveHeaderIds.Add(record.RecordId);
                            continue;
                        }

                        recoveredHeaderIds.Add(record.RecordId);
                        var element = Assert.Single(EventXmlCanonicalizer.ParseEvents(record.ToXml()));
                        var id = RecordIdOf(element);
                        if (!ours.TryGetValue(id, out var list))
                        {
                            ours[id] = list = [];
                        }

                        list.Add(EventXmlCanonicalizer.Canonical(element, decode: true));
                    }
                }

                Interlocked.Add(ref live, liveCount);
                Interlocked.Add(ref recovered, recoveredHeaderIds.Count);
                Interlocked.Add(ref recoveredByLibevtx, theirs.Count);
                if (recoveredHeaderIds.Count != recoveredHeaderIds.Distinct().Count() || recoveredHeaderIds.Any(liveHeaderIds.Contains))
                {
                    differences.Add($"{name}: a recovered record repeats a live or recovered record identifier");
                }

                foreach (var (id, candidates) in theirs)
                {
                    if (!ours.TryGetValue(id, out var found))
                    {
                        Interlocked.Increment(ref refused);
                        continue;
                    }

                    // Slack may hold several copies of a record (whole or cut short): one of each side must agree.
                    if (!candidates.Any(c => found.Any(f => f.SequenceEqual(c))))
                    {
                        var expectedLines = candidates[0];
                        var actualLines = found[0];
                        var line = Enumerable.Range(0, Math.Max(expectedLines.Count, actualLines.Count))
                            .First(k => k >= expectedLines.Count || k >= actualLines.Count || expectedLines[k] != actualLines[k]);
                        differences.Add($"{name}: recovered EventRecordID {id} differs:\n  evtxexport: {(line < expectedLines.Count ? expectedLines[line] : "(nothing)")}\n  vigie:      {(line < actualLines.Count ? actualLines[line] : "(nothing)")}");
                    }
                }
            });

        Assert.True(differences.IsEmpty, $"{differences.Count} difference(s):\n" + string.Join("\n", differences.Take(30)));
        Assert.Equal(8255, live);
        Assert.True(recovered >= 100, $"Vigie recovers only {recovered} records from slack space (100 expected)");
        Assert.True(recoveredByLibevtx - refused >= 100, $"only {recoveredByLibevtx - refused} of the records evtxexport recovers are recovered by Vigie too");
    }

    /// <summary>evtxexport's recovered output holds some records it could not decode (not XML): each event is parsed on its own, those skipped.</summary>
    private static List<XElement> ParseEachEvent(string text)
    {
        var events = new List<XElement>();
        var start = text.IndexOf("<Event", StringComparison.Ordinal);
        while (start >= 0)
        {
            var next = text.IndexOf("<Event ", start + 1, StringComparison.Ordinal);
            var piece = next < 0 ? text[start..] : text[start..next];
            var end = piece.LastIndexOf("</Event>", StringComparison.Ordinal);
            if (end >= 0)
            {
                try
                {
                    events.AddRange(EventXmlCanonicalizer.ParseEvents(piece[..(end + "</Event>".Length)]));
                }
                catch (System.Xml.XmlException)
                {
                    // a record libevtx could not decode
                }
            }

            start = next;
        }

        return events;
    }

    private static string RecordIdOf(XElement element) =>
        element.Descendants().FirstOrDefault(e => e.Name.LocalName == "EventRecordID")?.Value ?? string.Empty;
}
