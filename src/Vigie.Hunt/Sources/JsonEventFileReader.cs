using System.Buffers;
using System.Text.Json;

namespace Vigie.Hunt.Sources;

/// <summary>
/// Streams the JSON objects of a file: JSON lines, or objects simply concatenated (pretty-printed ones
/// included), in a bounded buffer. A value that does not parse is reported and skipped up to the next line;
/// reading goes on. The file is opened read-only and shared.
/// </summary>
internal static class JsonEventFileReader
{
    private const int MaxObjectBytes = 64 * 1024 * 1024;
    private const int MaxProblemsListed = 20;

    /// <summary>Calls <paramref name="onEvent"/> for each object; returns the problems met (empty when the file was read fully).</summary>
    public static List<string> Read(string path, Action<JsonHuntEvent> onEvent, Action<long>? onBytes, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        var buffer = ArrayPool<byte>.Shared.Rent(1024 * 1024);
        var shape = JsonEventShape.Unknown;
        var options = new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 };
        try
        {
            int start = 0, filled = 0;
            var eof = false;
            long line = 1;
            var first = true;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // skip whitespace (and a byte order mark at the start)
                if (first && filled - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF)
                {
                    start += 3;
                    first = false;
                }

                while (start < filled && buffer[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    if (buffer[start] == (byte)'\n')
                    {
                        line++;
                    }

                    start++;
                }

                if (start == filled && eof)
                {
                    break;
                }

                if (start < filled)
                {
                    first = false;
                    var reader = new Utf8JsonReader(buffer.AsSpan(start, filled - start), eof, new JsonReaderState(options));
                    JsonDocument? document = null;
                    var parsed = false;
                    try
                    {
                        parsed = JsonDocument.TryParseValue(ref reader, out document);
                    }
                    catch (JsonException ex)
                    {
                        if (!eof && IndexOfNewline(buffer, start, filled) < 0 && filled - start < MaxObjectBytes)
                        {
                            // the error may come from the cut at the end of the buffer: read more first
                        }
                        else
                        {
                            Report(problems, $"line {line}: not JSON ({ex.Message.Split('.')[0]})");

                            var newline = IndexOfNewline(buffer, start, filled);
                            start = newline < 0 ? filled : newline + 1;
                            line++;
                            continue;
                        }
                    }

                    if (parsed && document is not null)
                    {
                        var consumed = (int)reader.BytesConsumed;
                        var objectLine = line;
                        line += buffer.AsSpan(start, consumed).Count((byte)'\n');
                        start += consumed;
                        JsonHuntEvent? ev = null;
                        using (document)
                        {
                            var root = document.RootElement;
                            if (root.ValueKind == JsonValueKind.Object)
                            {
                                try
                                {
                                    var detected = shape;
                                    if (shape == JsonEventShape.Unknown || !Fits(root, shape))
                                    {
                                        detected = shape = JsonEventMapper.Detect(root);
                                    }

                                    ev = JsonEventMapper.Map(root, detected);
                                }
                                catch (InvalidOperationException ex)
                                {
                                    // Well-formed JSON whose text is not: invalid UTF-8, a lone surrogate escape. The
                                    // reader does not check string contents, the mapper's GetString does.
                                    Report(problems, $"line {objectLine}: invalid text ({ex.Message.Split('.')[0]}), skipped");
                                }
                            }
                        }

                        if (ev is not null)
                        {
                            onEvent(ev);
                        }

                        continue;
                    }

                    if (eof)
                    {
                        problems.Add($"line {line}: the last value is cut short");
                        break;
                    }
                }

                // need more bytes: compact, grow when one value fills the buffer, read
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                    start = 0;
                }

                if (filled == buffer.Length)
                {
                    if (buffer.Length >= MaxObjectBytes)
                    {
                        problems.Add($"line {line}: a value larger than {MaxObjectBytes / 1048576} MB, skipped");
                        var newline = IndexOfNewline(buffer, 0, filled);
                        start = newline < 0 ? filled : newline + 1;
                        continue;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, filled);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = stream.Read(buffer, filled, buffer.Length - filled);
                if (read == 0)
                {
                    eof = true;
                }
                else
                {
                    filled += read;
                    onBytes?.Invoke(read);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return problems;
    }

    private static void Report(List<string> problems, string problem)
    {
        if (problems.Count < MaxProblemsListed)
        {
            problems.Add(problem);
        }
        else if (problems.Count == MaxProblemsListed)
        {
            problems.Add("further unreadable lines not listed");
        }
    }

    private static bool Fits(JsonElement root, JsonEventShape shape) => shape switch
    {
        JsonEventShape.EvtxDump => root.TryGetProperty("Event", out _),
        JsonEventShape.Winlogbeat => root.TryGetProperty("winlog", out _),
        _ => !root.TryGetProperty("Event", out _) && !root.TryGetProperty("winlog", out _),
    };

    private static int IndexOfNewline(byte[] buffer, int start, int end)
    {
        var index = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
        return index < 0 ? -1 : start + index;
    }

    /// <summary>True when the file's first non-blank byte opens a JSON object or array.</summary>
    public static bool LooksLikeJson(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> head = stackalloc byte[512];
            var read = stream.Read(head);
            var span = head[..read];
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                span = span[3..];
            }

            foreach (var b in span)
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    continue;
                }

                return b is (byte)'{';
            }

            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
