using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Vigie.Sigma.Testing;

/// <summary>
/// The events of an EVTX corpus, materialised through <c>evtxexport -f xml</c> (cached per file, so the
/// export runs once) and <see cref="EvtxXmlEvents"/>. Set-up only: never timed.
/// </summary>
public static class CorpusEvents
{
    public static List<(SigmaEvent Event, DateTimeOffset Time)> Load(string evtxFolder, string cacheFolder, string evtxexport = "evtxexport")
    {
        Directory.CreateDirectory(cacheFolder);
        var events = new List<(SigmaEvent, DateTimeOffset)>();
        var files = Directory.EnumerateFiles(evtxFolder, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetRelativePath(evtxFolder, file) + "|" + new FileInfo(file).Length)))[..24];
            var cached = Path.Combine(cacheFolder, key + ".xml");
            if (!File.Exists(cached))
            {
                var xml = Export(evtxexport, file);
                File.WriteAllText(cached + ".tmp", xml);
                File.Move(cached + ".tmp", cached, overwrite: true);
            }

            using var reader = new StreamReader(cached);
            events.AddRange(EvtxXmlEvents.Read(reader));
        }

        return events;
    }

    private static string Export(string evtxexport, string file)
    {
        var start = new ProcessStartInfo(evtxexport)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add("xml");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + evtxexport);
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        return output;
    }
}
