using System.Buffers;
using System.Globalization;
using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>
/// Reads Vigie's hunt JSON lines from a stream (a request body, gzip-decoded or not, or an uploaded file) one line at a
/// time through two pooled buffers, so memory is bounded by <see cref="FindingImportLimits.MaxLineBytes"/> plus the
/// findings of one batch whatever the stream holds: a line longer than the bound is skipped as it streams by, never
/// held. Line numbers run over the whole stream, across batches. One parser for the API and the page upload.
/// </summary>
public sealed class FindingStreamReader : IDisposable
{
    private const int ReadSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly FindingImportLimits _limits;
    private byte[] _read = ArrayPool<byte>.Shared.Rent(ReadSize);
    private byte[] _line = ArrayPool<byte>.Shared.Rent(4096);
    private int _start;
    private int _end;
    private int _lineLength;
    private long _bytes;
    private long _refused;
    private bool _ended;
    private bool _first = true;

    public FindingStreamReader(Stream stream, FindingImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        _stream = stream;
        _limits = limits;
    }

    /// <summary>Lines read so far (the number of the last line read).</summary>
    public long LineNumber { get; private set; }

    private enum LineStatus
    {
        Line,
        TooLong,
        End,
        TooLarge,
    }

    /// <summary>
    /// Reads the next batch. <paramref name="cut"/> (a file): the batch ends before <paramref name="maxRows"/> findings,
    /// 16 MiB of findings or <see cref="FindingImportLimits.MaxLines"/> lines would be passed, and the next call goes on.
    /// Otherwise (one API request, the whole body is one batch): going past them is a bound (<see cref="FindingBatchRead.Bound"/>).
    /// The decompressed size and the refused lines are bounded over the whole stream. Throws <see cref="InvalidDataException"/>
    /// when the gzip stream underneath is damaged.
    /// </summary>
    public async Task<FindingBatchRead> ReadBatchAsync(int maxRows, bool cut, CancellationToken cancellationToken)
    {
        const long BatchBytes = 16L * 1024 * 1024;
        var rows = new List<HuntDetection>();
        var errors = new List<string>();
        long refused = 0, lines = 0, bytes = 0;
        while (true)
        {
            if (cut && (rows.Count >= maxRows || bytes >= BatchBytes || lines >= _limits.MaxLines))
            {
                return new FindingBatchRead(rows, errors, refused, false, FindingBound.None, null);
            }

            var status = await NextLineAsync(cancellationToken).ConfigureAwait(false);
            if (status == LineStatus.End)
            {
                return new FindingBatchRead(rows, errors, refused, true, FindingBound.None, null);
            }

            if (status == LineStatus.TooLarge)
            {
                return Bound(rows, errors, refused, FindingBound.DecompressedBytes, _limits.MaxBodyBytes,
                    $"the body is larger than {Size(_limits.MaxBodyBytes)} once decompressed (bound: decompressed size); send smaller batches.");
            }

            lines++;
            if (!cut && lines > _limits.MaxLines)
            {
                return Bound(rows, errors, refused, FindingBound.Lines, _limits.MaxLines,
                    $"more than {_limits.MaxLines.ToString("N0", CultureInfo.InvariantCulture)} lines in one request (bound: lines per request); send smaller batches.");
            }

            string? error;
            if (status == LineStatus.TooLong)
            {
                error = $"longer than {Size(_limits.MaxLineBytes)} (bound: line length), skipped";
            }
            else if (IsBlank(_line.AsSpan(0, _lineLength)))
            {
                continue;
            }
            else if (!StartsAsObject(_line.AsSpan(0, _lineLength)))
            {
                error = "not a JSON object";
            }
            else if (HuntJsonl.TryRead(_line.AsSpan(0, _lineLength), out var detection, out error))
            {
                if (rows.Count >= maxRows)
                {
                    return Bound(rows, errors, refused, FindingBound.Findings, maxRows,
                        $"more than {maxRows.ToString("N0", CultureInfo.InvariantCulture)} findings in one batch (bound: findings per batch); send smaller batches.");
                }

                rows.Add(detection!);
                bytes += _lineLength;
                continue;
            }

            refused++;
            _refused++;
            if (errors.Count < _limits.MaxReportedErrors)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {LineNumber}: {error}"));
            }

            if (_refused > _limits.MaxRefusedLines)
            {
                return Bound(rows, errors, refused, FindingBound.RefusedLines, _limits.MaxRefusedLines,
                    $"more than {_limits.MaxRefusedLines.ToString("N0", CultureInfo.InvariantCulture)} lines are not findings (bound: refused lines); is this the JSON lines output of vigie hunt (--format jsonl)?");
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_read);
        ArrayPool<byte>.Shared.Return(_line);
        _read = [];
        _line = [];
    }

    private static FindingBatchRead Bound(List<HuntDetection> rows, List<string> errors, long refused, FindingBound bound, long limit, string message) =>
        new(rows, errors, refused, false, bound, message, limit);

    /// <summary>The next line into <c>_line[0.._lineLength]</c> (without its CR LF), or that it was too long, or the end.</summary>
    private async ValueTask<LineStatus> NextLineAsync(CancellationToken cancellationToken)
    {
        _lineLength = 0;
        var tooLong = false;
        var partial = false;
        while (true)
        {
            if (_start == _end)
            {
                if (_ended)
                {
                    if (!partial)
                    {
                        return LineStatus.End;
                    }

                    LineNumber++;
                    return Finish(tooLong);
                }

                var read = await _stream.ReadAsync(_read.AsMemory(0, ReadSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    _ended = true;
                    continue;
                }

                _start = 0;
                _end = read;
                if (_first)
                {
                    _first = false;
                    if (read >= 3 && _read[0] == 0xEF && _read[1] == 0xBB && _read[2] == 0xBF)
                    {
                        _start = 3; // UTF-8 byte order mark
                    }
                }

                continue;
            }

            var available = _read.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            var take = newline < 0 ? available.Length : newline;
            if (!tooLong)
            {
                if (_lineLength + take > _limits.MaxLineBytes)
                {
                    tooLong = true;
                }
                else
                {
                    Append(available[..take]);
                }
            }

            partial = true;
            var consumed = newline < 0 ? take : take + 1;
            _start += consumed;
            _bytes += consumed;
            if (_bytes > _limits.MaxBodyBytes)
            {
                return LineStatus.TooLarge;
            }

            if (newline >= 0)
            {
                LineNumber++;
                return Finish(tooLong);
            }
        }
    }

    private LineStatus Finish(bool tooLong)
    {
        if (tooLong)
        {
            return LineStatus.TooLong;
        }

        if (_lineLength > 0 && _line[_lineLength - 1] == (byte)'\r')
        {
            _lineLength--;
        }

        return LineStatus.Line;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_lineLength + bytes.Length > _line.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(_line.Length * 2, _lineLength + bytes.Length), _limits.MaxLineBytes));
            _line.AsSpan(0, _lineLength).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_line);
            _line = grown;
        }

        bytes.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += bytes.Length;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    /// <summary>A cheap check before the JSON parser (which throws on garbage, and exceptions cost CPU).</summary>
    private static bool StartsAsObject(ReadOnlySpan<byte> line)
    {
        var first = line.IndexOfAnyExcept(" \t"u8);
        return first >= 0 && line[first] == (byte)'{';
    }

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");
}
