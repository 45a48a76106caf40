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

    private EvtxFile(IChunkSource source, string path, EvtxFileHeader header, List<EvtxProblem> headerProblems)
    {
        _source = source;
        Path = path;
        Header = header;
        _headerProblems = headerProblems;
        Length = source.Length;
        ChunkSlotCount = SlotCount(Length);
    }

    /// <summary>64 KiB chunk slots after the header of a file of <paramref name="length"/> bytes (a partial last slot counts).</summary>
    internal static int SlotCount(long length) =>
        length <= ChunkReader.FileHeaderSize
            ? 0
            : (int)Math.Min(int.MaxValue, (length - ChunkReader.FileHeaderSize + ChunkReader.ChunkSize - 1) / ChunkReader.ChunkSize);

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
    /// unreadable, or not an event log); damage inside a readable file is reported while reading instead.
    /// </summary>
    public static bool TryOpen(string path, [NotNullWhen(true)] out EvtxFile? file, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        file = null;
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
        if (TryCreate(source, path, out file, out error))
        {
            return true;
        }

        source.Dispose();
        return false;
    }

    /// <summary>Opens an EVTX image held in memory (fixtures, tests).</summary>
    internal static bool TryOpen(ReadOnlyMemory<byte> bytes, string name, [NotNullWhen(true)] out EvtxFile? file, [NotNullWhen(false)] out string? error) =>
        TryCreate(new MemoryChunkSource(bytes), name, out file, out error);

    private static bool TryCreate(IChunkSource source, string path, [NotNullWhen(true)] out EvtxFile? file, [NotNullWhen(false)] out string? error)
    {
        file = null;
        Span<byte> header = stackalloc byte[ChunkReader.FileHeaderSize];
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

        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(124));
        var computed = Crc32.Compute(header.Slice(0, 120));
        var valid = read >= 128 && computed == checksum;
        var parsed = new EvtxFileHeader(
            BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(8)),
            BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(16)),
            BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(24)),
            BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(32)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(36)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(38)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(40)),
            BinaryPrimitives.ReadUInt16LittleEndian(header.Slice(42)),
            BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(120)),
            checksum,
            valid);

        if (!hasSignature)
        {
            problems.Add(new EvtxProblem(EvtxProblemKind.FileHeaderInvalid, -1, 0, null,
                "The file header has no ElfFile signature; the chunks are read anyway."));
        }
        else if (read < ChunkReader.FileHeaderSize)
        {
            problems.Add(new EvtxProblem(EvtxProblemKind.TruncatedFile, -1, read, null,
                $"The file ends inside its header ({read} of {ChunkReader.FileHeaderSize} bytes)."));
        }
        else
        {
            if (!valid)
            {
                problems.Add(new EvtxProblem(EvtxProblemKind.FileHeaderChecksum, -1, 124, null,
                    $"File header checksum mismatch (stored 0x{checksum:x8}, computed 0x{computed:x8})."));
            }

            if (parsed.MajorVersion != 3 || parsed.HeaderBlockSize != ChunkReader.FileHeaderSize || parsed.HeaderSize != 128)
            {
                problems.Add(new EvtxProblem(EvtxProblemKind.FileHeaderInvalid, -1, 32, null,
                    $"Unexpected header values (version {parsed.MajorVersion}.{parsed.MinorVersion}, header size {parsed.HeaderSize}, block size {parsed.HeaderBlockSize}); chunks are read from offset 4096 regardless."));
            }
        }

        if (source.Length > ChunkReader.FileHeaderSize && (source.Length - ChunkReader.FileHeaderSize) % ChunkReader.ChunkSize != 0)
        {
            problems.Add(new EvtxProblem(EvtxProblemKind.TruncatedFile, -1, source.Length, null,
                $"The file size ({source.Length} bytes) is not a whole number of 64 KiB chunks after the header: the last chunk is partial."));
        }

        file = new EvtxFile(source, path, parsed, problems);
        error = null;
        return true;
    }

    private static bool StartsWithChunk(IChunkSource source)
    {
        Span<byte> signature = stackalloc byte[8];
        return source.Length >= ChunkReader.FileHeaderSize + 8 &&
               source.ReadAt(ChunkReader.FileHeaderSize, signature) == 8 &&
               signature.SequenceEqual("ElfChnk\0"u8);
    }

    /// <summary>
    /// Enumerates the records in file order on the calling thread. The enumerated <see cref="EvtxRecord"/>
    /// is a cursor reused for every record. Problems (header, chunks, records) go to <paramref name="onProblem"/>
    /// as they are met; damaged records are skipped and reading goes on.
    /// </summary>
    public EvtxRecordEnumerable ReadRecords(Action<EvtxProblem>? onProblem = null) => new(this, onProblem);

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
