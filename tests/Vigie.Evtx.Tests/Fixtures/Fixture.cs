namespace Vigie.Evtx.Tests.Fixtures;

/// <summary>Shortcuts for tests: simple events, reading everything back.</summary>
public static class Fixture
{
    public static readonly DateTime Time = new(2019, 8, 14, 14, 6, 44, DateTimeKind.Utc);

    /// <summary>A Security-like event with one data value named <c>V</c>.</summary>
    public static void Simple(ChunkBuilder chunk, ulong id, TemplateValue value, string template = "simple") =>
        chunk.AddRecord(id, Time, w => StandardEvent.Write(w, template, ["V"], id, 4624, "Security", "PC01", Time.AddTicks(4956748), value));

    public static byte[] SimpleFile(int records, TemplateValue? value = null) =>
        new EvtxFileBuilder().Chunk(c =>
        {
            for (var i = 1; i <= records; i++)
            {
                Simple(c, (ulong)i, value ?? TemplateValue.String("value " + i));
            }
        }).Build();

    public sealed record ReadRecord(ulong Id, string Xml, string Json, Dictionary<string, List<string>> Named, int? EventId, string? Channel, bool Recovered = false);

    public static List<ReadRecord> ReadAll(byte[] image, out List<EvtxProblem> problems, EvtxReadOptions? options = null)
    {
        var found = new List<EvtxProblem>();
        var records = new List<ReadRecord>();
        using var file = EvtxFileBuilder.Open(image, options);
        foreach (var record in file.ReadRecords(found.Add))
        {
            var named = new Dictionary<string, List<string>>();
            for (var i = 0; i < record.NamedValueCount; i++)
            {
                var name = record.GetName(i);
                if (!named.TryGetValue(name, out var list))
                {
                    named[name] = list = [];
                }

                list.Add(record.GetText(i).ToString());
            }

            records.Add(new ReadRecord(record.RecordId, record.ToXml(), record.ToJson(), named, record.EventId, record.Channel, record.RecoveredFromSlack));
        }

        problems = found;
        return records;
    }
}
