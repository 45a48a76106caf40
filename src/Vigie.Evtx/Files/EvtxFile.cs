using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using Vigie.Evtx.Chunks;
using Vigie.Evtx.Files;

namespace Vigie.Evtx;

/// <summary>
/// An open .evtx file. The header is read on opening but never trusted to find data: every 64 KiB chunk
/// slot up to the real end of the file is examined. Records are read chunk by chunk into reused buffers,
/// so memory stays flat whatever the file size.
/// </summary>
public sealed class EvtxFile : IDisposable
{
    private readonly IChunkSource _source;
    private readonly List<EvtxProblem> _headerProblems;

    private readonly Lazy<(ulong First, ulong Last, int Chunk)[]> _liveRanges;

    private EvtxFile(IChunkSource source, string path, EvtxFileHeader header, List<EvtxProblem> headerProblems, EvtxReadOptions options)
    {
        _source = source;
        Options = options;
        _liveRanges = new Lazy<(ulong, ulong, int)[]>(ReadLiveRanges, LazyThreadSafetyMode.ExecutionAndPublication);
        Path = path;
        Header = header;
        _headerProblems = headerProblems;
        Length = source.Length;
        ChunkSlotCount = SlotCount(Length);
    }

    /// <summary>64 KiB chunk slots after the header of a file of <paramref name="length"/> bytes (a partial last slot counts).</summary>
    internal static int SlotCount(long length) =>
        length <= EvtxLayout.FileHeaderSize
            ? 0
            : (int)Math.Min(int.MaxValue, (length - EvtxLayout.FileHeaderSize + EvtxLayout.ChunkSize - 1) / EvtxLayout.ChunkSize);

    /// <summary>
    /// Null when <paramref name="path"/> names a regular file (or nothing); otherwise what it names ("a FIFO
    /// (named pipe)", "a character device", "a directory"…), which is never opened for reading.
    /// </summary>
    public static string? NotRegularFile(string path) => FileKind.NotRegular(path);

    /// <summary>How the file is read.</summary>
    public EvtxReadOptions Options { get; }

    /// <summary>The path the file was opened from.</summary>
    public string Path { get; }

    /// <summary>The file size in bytes.</summary>
    public long Length { get; }

    /// <summary>The file header as written (informative: its counters are not trusted).</summary>
    public EvtxFileHeader Header { get; }

    /// <summary>The number of 64 KiB chunk slots after the header, up to the real end of the file (a partial last slot counts).</summary>
    public int ChunkSlotCount { get; }

    /// <summary>Problems found in the file header on opening.</summary>
    public IReadOnlyList<EvtxProblem> HeaderProblems => _headerProblems;

    internal IChunkSource Source => _source;

    /// <summary>
    /// Opens an .evtx file. Returns false with a message when the file cannot be read at all (missing,
    /// unreadable, not a regular file, or not an event log); damage inside a readable file is reported while
    /// reading instead. A FIFO or a device is refused without being opened (reading it could wait forever).
    /// </summary>
    public static bool TryOpen(string path, [NotNullWhen(true)] out EvtxFile? file, [NotNullWhen(false)] out string? error) =>
        TryOpen(path, null, out file, out error);

    /// <summary>Opens an .evtx file read with <paramref name="options"/> (null: <see cref="EvtxReadOptions.Default"/>).</summary>
    public static bool TryOpen(string path, EvtxReadOptions? options, [NotNullWhen(true)] out EvtxFile? file, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        file = null;
        if (FileKind.NotRegular(path) is { } kind)
        {
            error = $"not a regular file ({kind}): only regular files are read";
            return false;
        }

        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot open: {ex.Message}";
            return false;
        }

        var source = new FileChunkSource(handle);
        if (TryCreate(source, path, options ?? EvtxReadOptions.Default, out file, out error))
        {
            return true;
        }

        source.Dispose();
        return false;
    }

    /// <summary>Opens an EVTX image held in memory (fixtures, tests).</summary>
    internal static bool TryOpen(ReadOnlyMemory<byte> bytes, string name, [NotNullWhen(true)] out EvtxFile? file, [NotNullWhen(false)] out string? error, EvtxReadOptions? options = null) =>
        TryCreate(new MemoryChunkSource(bytes), name, options ?? EvtxReadOptions.Default, out file, out error);

    /// <summary>Opens an image read through <paramref name="source"/> (tests that watch what is read).</summary>
    internal static bool TryOpen(IChunkSource source, string name, EvtxReadOptions? options, [NotNullWhen(true)] out EvtxFile? file, [NotNullWhen(false)] out string? error) =>
        TryCreate(source, name, options ?? EvtxReadOptions.Default, out file, out error);

    private static bool TryCreate(IChunkSource source, string path, EvtxReadOptions options, [NotNullWhen(true)] out EvtxFile? file, [NotNullWhen(false)] out string? error)
    {
        file = null;
        Span<byte> header = stackalloc byte[EvtxLayout.FileHeaderSize];
        header.Clear();
        int read;
        try
        {
            read = source.ReadAt(0, header);
        }
        catch (IOException ex)
        {
            error = $"cannot read: {ex.Message}";
            return false;
        }

        var problems = new List<EvtxProblem>();
        var hasSignature = header.StartsWith("ElfFile\0"u8);
        if (!hasSignature && !StartsWithChunk(source))
        {
            error = read == 0 ? "empty file" : "not a Windows event log (no ElfFile or ElfChnk signature)";
            return false;
        }

        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(EvtxLayout.FileChecksum));
        var computed = Crc32.Compute(header.Slice(0, EvtxLayout.FileChecksummedSize));
        var valid = read >= EvtxLayout.FileHeaderUsedSize && computed == checksum;
        var parsed = new EvtxFileHeader(
            BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(EvtxLayout.FileFirstChunkNumber)),
            BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(EvtxLayout.FileLastChunkNumber)),
            BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(EvtxLayout.FileNextRecordId)),
            BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(EvtxLayout.FileHeaderSizeField)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(EvtxLayout.FileMinorVersion)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(EvtxLayout.FileMajorVersion)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(EvtxLayout.FileHeaderBlockSize)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(EvtxLayout.FileChunkCount)),
            BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(EvtxLayout.FileFlags)),
            checksum,
            valid);

        if (!hasSignature)
        {
            problems.Add(new EvtxProblem(EvtxProblemKind.FileHeaderInvalid, -1, 0, null,
                "The file header has no ElfFile signature; the chunks are read anyway."));
        }
        else if (read < EvtxLayout.FileHeaderSize)
        {
            problems.Add(new EvtxProblem(EvtxProblemKind.TruncatedFile, -1, read, null,
                $"The file ends inside its header ({read} of {EvtxLayout.FileHeaderSize} bytes)."));
        }
        else
        {
            if (!valid)
            {
                problems.Add(new EvtxProblem(EvtxProblemKind.FileHeaderChecksum, -1, EvtxLayout.FileChecksum, null,
                    $"File header checksum mismatch (stored 0x{checksum:x8}, computed 0x{computed:x8})."));
            }

            if (parsed.MajorVersion != 3 || parsed.HeaderBlockSize != EvtxLayout.FileHeaderSize || parsed.HeaderSize != EvtxLayout.FileHeaderUsedSize)
            {
                problems.Add(new EvtxProblem(EvtxProblemKind.FileHeaderInvalid, -1, EvtxLayout.FileHeaderSizeField, null,
                    $"Unexpected header values (version {parsed.MajorVersion}.{parsed.MinorVersion}, header size {parsed.HeaderSize}, block size {parsed.HeaderBlockSize}); chunks are read from offset 4096 regardless."));
            }
        }

        if (source.Length > EvtxLayout.FileHeaderSize && (source.Length - EvtxLayout.FileHeaderSize) % EvtxLayout.ChunkSize != 0)
        {
            problems.Add(new EvtxProblem(EvtxProblemKind.TruncatedFile, -1, source.Length, null,
                $"The file size ({source.Length} bytes) is not a whole number of 64 KiB chunks after the header: the last chunk is partial."));
        }

        file = new EvtxFile(source, path, parsed, problems, options);
        error = null;
        return true;
    }

    private static bool StartsWithChunk(IChunkSource source)
    {
        Span<byte> signature = stackalloc byte[8];
        return source.Length >= EvtxLayout.FileHeaderSize + 8 &&
               source.ReadAt(EvtxLayout.FileHeaderSize, signature) == 8 &&
               signature.SequenceEqual("ElfChnk\0"u8);
    }

    /// <summary>
    /// Enumerates the records in file order on the calling thread. The enumerated <see cref="EvtxRecord"/>
    /// is a cursor reused for every record. Problems (header, chunks, records) go to <paramref name="onProblem"/>
    /// as they are met; damaged records are skipped and reading goes on.
    /// </summary>
    public EvtxRecordEnumerable ReadRecords(Action<EvtxProblem>? onProblem = null) => new(this, onProblem);

    /// <summary>
    /// True when a chunk other than <paramref name="chunkIndex"/> announces <paramref name="recordId"/> among its
    /// live records (its header's first and last identifiers): a record found in slack space with that
    /// identifier is a copy, not a record to recover. The chunk headers are read once, on first use.
    /// </summary>
    internal bool IsLiveRecordId(ulong recordId, int chunkIndex)
    {
        foreach (var (first, last, chunk) in _liveRanges.Value)
        {
            if (recordId >= first && recordId <= last && chunk != chunkIndex)
            {
                return true;
            }
        }

        return false;
    }

    private (ulong First, ulong Last, int Chunk)[] ReadLiveRanges()
    {
        var ranges = new List<(ulong, ulong, int)>();
        Span<byte> header = stackalloc byte[EvtxLayout.ChunkLastRecordId + 8];
        for (var i = 0; i < ChunkSlotCount; i++)
        {
            if (_source.ReadAt(EvtxLayout.FileHeaderSize + ((long)i * EvtxLayout.ChunkSize), header) == header.Length &&
                header.StartsWith("ElfChnk\0"u8))
            {
                var first = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(EvtxLayout.ChunkFirstRecordId));
                var last = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(EvtxLayout.ChunkLastRecordId));
                if (first <= last && last - first < 1_000_000)
                {
                    ranges.Add((first, last, i));
                }
            }
        }

        return [.. ranges];
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
