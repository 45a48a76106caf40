using System.Text;
using System.Text.Json;
using System.Xml;

namespace Vigie.Evtx.Tests.Corpus;

/// <summary>
/// Every record of the shared corpus (live records and those recovered from slack space), rendered as XML,
/// is read whole by System.Xml's XmlReader with its default checks (XML 1.0 characters, namespaces), and
/// rendered as JSON is read whole by System.Text.Json refusing duplicate keys.
/// </summary>
public sealed class WellFormedOutputTests
{
    [Fact]
    public void Corpus_EveryRecordsXml_IsReadByAnXmlParser()
    {
        var failures = new List<string>();
        var count = ForEachRecord((name, record) =>
        {
            var xml = record.ToXml();
            try
            {
                using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
                while (reader.Read())
                {
                }
            }
            catch (XmlException ex)
            {
                failures.Add($"{name} record {record.RecordId}: {ex.Message}");
            }
        });

        Assert.True(failures.Count == 0, $"{failures.Count} record(s) are not well-formed XML:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(count >= 8255, $"only {count} records read");
    }

    [Fact]
    public void Corpus_EveryRecordsJson_IsReadByAJsonParser()
    {
        var failures = new List<string>();
        var options = new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 256 };
        var count = ForEachRecord((name, record) =>
        {
            var json = Encoding.UTF8.GetBytes(record.ToJson());
            try
            {
                using var document = JsonDocument.Parse(json, options);
                Walk(document.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                failures.Add($"{name} record {record.RecordId}: {ex.Message}");
            }
        });

        Assert.True(failures.Count == 0, $"{failures.Count} record(s) are not valid JSON:\n" + string.Join("\n", failures.Take(20)));
        Assert.True(count >= 8255, $"only {count} records read");
    }

    /// <summary>Reads every string (which unescapes and checks it) of the document.</summary>
    private static void Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Walk(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            default:
                break;
        }
    }

    private static int ForEachRecord(Action<string, EvtxRecord> check)
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(corpus, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Assert.True(EvtxFile.TryOpen(path, out var file, out var error), error);
            using (file)
            {
                foreach (var record in file.ReadRecords())
                {
                    check(Path.GetRelativePath(corpus, path), record);
                    count++;
                }
            }
        }

        return count;
    }
}
