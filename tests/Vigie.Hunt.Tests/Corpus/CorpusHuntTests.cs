using Vigie.Evtx;
using Vigie.Sigma;

namespace Vigie.Hunt.Tests.Corpus;

/// <summary>
/// The shared corpus end to end: the hunt's summary against an independent count. Events: a plain
/// sequential pass over each file with <see cref="EvtxFile.ReadRecords"/> (not the parallel reader).
/// Detections: a naive single-threaded evaluation, rule set without the literal prefilter, over events
/// rebuilt as <see cref="SigmaEvent"/>s from every field of each record (not the hunt's adapter).
/// </summary>
public sealed class CorpusHuntTests(ITestOutputHelper output)
{
    private static readonly (string Name, EvtxSystemField Field)[] s_system =
    [
        ("Channel", EvtxSystemField.Channel), ("EventID", EvtxSystemField.EventId), ("Provider_Name", EvtxSystemField.ProviderName),
        ("Provider_Guid", EvtxSystemField.ProviderGuid), ("Provider_EventSourceName", EvtxSystemField.EventSourceName),
        ("EventID_Qualifiers", EvtxSystemField.Qualifiers), ("Version", EvtxSystemField.Version), ("Level", EvtxSystemField.Level),
        ("Task", EvtxSystemField.Task), ("Opcode", EvtxSystemField.Opcode), ("Keywords", EvtxSystemField.Keywords),
        ("TimeCreated_SystemTime", EvtxSystemField.TimeCreated), ("EventRecordID", EvtxSystemField.EventRecordId),
        ("Correlation_ActivityID", EvtxSystemField.ActivityId), ("Correlation_RelatedActivityID", EvtxSystemField.RelatedActivityId),
        ("Execution_ProcessID", EvtxSystemField.ProcessId), ("Execution_ThreadID", EvtxSystemField.ThreadId),
        ("Computer", EvtxSystemField.Computer), ("Security_UserID", EvtxSystemField.UserId),
    ];

    [Fact]
    public void Hunt_OnSharedCorpus_SummaryAgreesWithAnIndependentCount()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var (inputs, _) = HuntInputs.Expand([corpus]);
        var sink = new ListSink();
        var summary = new HuntEngine(SharedHuntRules.Rules, new HuntOptions { Threads = 2 }).Run(inputs, sink, TestContext.Current.CancellationToken);

        long events = 0;
        var detections = new Dictionary<string, long>(StringComparer.Ordinal);
        var naive = SharedHuntRules.WithoutPrefilter;
        var matcher = naive.CreateMatcher();
        var matches = new List<SigmaMatch>();
        foreach (var input in inputs)
        {
            if (!EvtxFile.TryOpen(input.Path, out var file, out _))
            {
                continue;
            }

            using (file)
            {
                foreach (var record in file.ReadRecords())
                {
                    events++;
                    var ev = new SigmaEvent();
                    foreach (var (name, field) in s_system)
                    {
                        if (record.TryGetSystemText(field, out var text))
                        {
                            ev.AddSystem(name, text.ToString());
                        }
                    }

                    for (var i = 0; i < record.NamedValueCount; i++)
                    {
                        ev.Add(record.GetName(i), record.GetText(i).ToString());
                    }

                    matches.Clear();
                    matcher.Match(ev, matches);
                    foreach (var match in matches)
                    {
                        if (match.Rule.Standalone)
                        {
                            var level = HuntLevels.Name(HuntLevels.OfRule(match.Rule.Level));
                            detections[level] = detections.GetValueOrDefault(level) + 1;
                        }
                    }
                }
            }
        }

        output.WriteLine($"hunt: {summary.Events} events, {summary.Detections} detections; independent: {events} events, {detections.Values.Sum()} detections");
        Assert.Equal(277, summary.Files);
        Assert.Equal(events, summary.Events);
        Assert.Equal(8255, summary.Events);
        var correlations = sink.Rows.Count(r => r.IsCorrelation);
        Assert.Equal(detections.Values.Sum(), summary.Detections - correlations);
        foreach (var level in HuntLevels.All)
        {
            Assert.Equal(detections.GetValueOrDefault(HuntLevels.Name(level)), sink.Rows.Count(r => r.Level == level && !r.IsCorrelation));
            Assert.Equal(summary.ByLevel[level], sink.Rows.Count(r => r.Level == level));
        }

        Assert.Equal(sink.Rows.Count, summary.Detections);
        Assert.True(sink.Rows.Zip(sink.Rows.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp), "the timeline is in time order");
        Assert.All(sink.Rows.Where(r => !r.IsCorrelation), r => Assert.False(string.IsNullOrEmpty(r.Author)));
    }

    [Fact]
    public void Hunt_WhenDetectionsSpillToDisk_GivesTheSameTimelineAsInMemory()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var (inputs, _) = HuntInputs.Expand([corpus]);
        var inMemory = new ListSink();
        new HuntEngine(SharedHuntRules.Rules, new HuntOptions { Threads = 2 }).Run(inputs, inMemory, TestContext.Current.CancellationToken);
        var spilled = new ListSink();
        var temp = Directory.CreateTempSubdirectory("vigie-hunt-test-");
        try
        {
            new HuntEngine(SharedHuntRules.Rules, new HuntOptions { Threads = 1, DetectionsInMemory = 1000, TempDirectory = temp.FullName })
                .Run(inputs, spilled, TestContext.Current.CancellationToken);
            Assert.True(inMemory.Rows.Count > 1000, "enough detections to spill");
            Assert.Equal(inMemory.Rows.Count, spilled.Rows.Count);
            for (var i = 0; i < inMemory.Rows.Count; i++)
            {
                Assert.Equal(Key(inMemory.Rows[i]), Key(spilled.Rows[i]));
            }

            Assert.Empty(Directory.EnumerateFileSystemEntries(temp.FullName)); // run files removed
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static string Key(HuntDetection d) => $"{HuntTime.Format(d.Timestamp)}|{d.SourceFile}|{d.RecordId}|{d.RuleId}|{d.DetailsText()}";
}
