using System.IO.Compression;

namespace Vigie.Hunt.Pipeline;

/// <summary>Writes a sorted run of detections to a temporary file (binary, Brotli-compressed at the fastest level).</summary>
internal static class DetectionRunWriter
{
    public static void Write(string path, List<PendingDetection> detections)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using var compressed = new BrotliStream(file, CompressionLevel.Fastest);
        // Buffered: BinaryWriter writes a few bytes at a time, and each write into the encoder is a native call.
        using var buffered = new BufferedStream(compressed, 1 << 16);
        using var writer = new BinaryWriter(buffered);
        writer.Write(detections.Count);
        foreach (var d in detections)
        {
            writer.Write(d.Ticks);
            writer.Write(d.File);
            writer.Write(d.Ordinal);
            writer.Write(d.Match);
            writer.Write(d.Rule);
            writer.Write(d.Computer);
            writer.Write(d.Channel);
            writer.Write(d.EventId ?? int.MinValue);
            writer.Write(d.RecordId ?? long.MinValue);
            writer.Write(d.Details.Length);
            foreach (var (name, value) in d.Details)
            {
                writer.Write(name);
                writer.Write(value);
            }

            if (d.CorrelationValues is null)
            {
                writer.Write(-1);
            }
            else
            {
                writer.Write(d.CorrelationValues.Length);
                foreach (var value in d.CorrelationValues)
                {
                    writer.Write(value is not null);
                    if (value is not null)
                    {
                        writer.Write(value);
                    }
                }
            }
        }
    }
}
