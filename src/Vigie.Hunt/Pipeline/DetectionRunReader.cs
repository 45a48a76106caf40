using System.IO.Compression;

namespace Vigie.Hunt.Pipeline;

/// <summary>Reads back a run written by <see cref="DetectionRunWriter"/>, one detection at a time.</summary>
internal sealed class DetectionRunReader : IDisposable
{
    private readonly BinaryReader _reader;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private int _left;

    public DetectionRunReader(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _reader = new BinaryReader(new BufferedStream(new BrotliStream(file, CompressionMode.Decompress), 1 << 16));
        _left = _reader.ReadInt32();
    }

    public bool TryRead(out PendingDetection detection)
    {
        if (_left <= 0)
        {
            detection = null!;
            return false;
        }

        _left--;
        var ticks = _reader.ReadInt64();
        var file = _reader.ReadInt32();
        var ordinal = _reader.ReadInt64();
        var match = _reader.ReadInt32();
        var rule = _reader.ReadInt32();
        var computer = Intern(_reader.ReadString());
        var channel = Intern(_reader.ReadString());
        var eventId = _reader.ReadInt32();
        var recordId = _reader.ReadInt64();
        var details = new KeyValuePair<string, string>[_reader.ReadInt32()];
        for (var i = 0; i < details.Length; i++)
        {
            details[i] = new(Intern(_reader.ReadString()), _reader.ReadString());
        }

        string?[]? values = null;
        var count = _reader.ReadInt32();
        if (count >= 0)
        {
            values = new string?[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = _reader.ReadBoolean() ? _reader.ReadString() : null;
            }
        }

        detection = new PendingDetection
        {
            Ticks = ticks,
            File = file,
            Ordinal = ordinal,
            Match = match,
            Rule = rule,
            Computer = computer,
            Channel = channel,
            EventId = eventId == int.MinValue ? null : eventId,
            RecordId = recordId == long.MinValue ? null : recordId,
            Details = details,
            CorrelationValues = values,
        };
        return true;
    }

    /// <summary>Host, channel and field names repeat endlessly: one string each per run (bounded).</summary>
    private string Intern(string value)
    {
        if (_strings.TryGetValue(value, out var known))
        {
            return known;
        }

        if (_strings.Count < 4096)
        {
            _strings[value] = value;
        }

        return value;
    }

    public void Dispose() => _reader.Dispose();
}
