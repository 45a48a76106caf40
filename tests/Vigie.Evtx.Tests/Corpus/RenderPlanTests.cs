using Vigie.Evtx.Rendering;

namespace Vigie.Evtx.Tests.Corpus;

/// <summary>
/// JSON and XML written through recorded plans (the bytes of a template for one shape of values, with the values
/// formatted in place) is byte for byte what the generic renderer writes, on every corpus record (live and
/// recovered from slack).
/// </summary>
public sealed class RenderPlanTests
{
    [Fact]
    public void Corpus_JsonAndXmlThroughPlans_AreTheGenericRenderersByteForByte()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        using var planned = new Utf8Buffer();
        using var generic = new Utf8Buffer();
        var differences = new List<string>();
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(corpus, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            Assert.True(EvtxFile.TryOpen(path, new EvtxReadOptions { RecoverSlack = true }, out var file, out var error), error);
            using (file)
            {
                foreach (var record in file.ReadRecords())
                {
                    planned.Clear();
                    generic.Clear();
                    JsonRenderer.Render(record, planned);
                    JsonRenderer.Render(record, generic, usePlans: false);
                    Compare("JSON");
                    planned.Clear();
                    generic.Clear();
                    XmlRenderer.Render(record, planned, 0);
                    XmlRenderer.Render(record, generic, 0, usePlans: false);
                    Compare("XML");

                    void Compare(string format)
                    {
                        if (!planned.WrittenSpan.SequenceEqual(generic.WrittenSpan))
                        {
                            differences.Add($"{format}, {Path.GetRelativePath(corpus, path)} record {record.RecordId}:\n  plan:    {System.Text.Encoding.UTF8.GetString(planned.WrittenSpan)}\n  generic: {System.Text.Encoding.UTF8.GetString(generic.WrittenSpan)}");
                        }
                    }

                    count++;
                }
            }
        }

        Assert.True(differences.Count == 0, $"{differences.Count} difference(s):\n" + string.Join("\n", differences.Take(5)));
        Assert.True(count > 8255);
    }
}
