using System.Buffers.Binary;
using System.Text;
using Vigie.Evtx.BinXml;
using Vigie.Evtx.Values;
using static Vigie.Evtx.Chunks.EvtxLayout;

namespace Vigie.Evtx.Chunks;

/// <summary>
/// Reads one 64 KiB chunk at a time into its own buffer and walks its event records, then (when asked) the
/// intact records left in its slack space. Owns the per-chunk caches (names, compiled templates) and the
/// record cursor; one instance per thread, reused chunk after chunk.
/// </summary>
internal sealed class ChunkReader
{
    /// <summary>The first read of a slot: the chunk header and, for partly filled chunks, often every record.</summary>
    private const int FirstRead = 4096;

    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(ChunkSize);
    private const int MaxSharedTemplates = 4096;
    private int _lastTemplateId;
    private readonly OffsetTable<CompiledTemplate> _templates = new();
    private readonly OffsetTable<CompiledTemplate> _fragments = new();
    private readonly Dictionary<(Guid, int), List<CompiledTemplate>> _shared = [];
    private readonly HashSet<ulong> _slackIds = [];
    private readonly ChunkNames _names;
    private readonly TemplateCompiler _compiler;
    private readonly Rendering.Utf8Cache _utf8 = new();
    private List<EvtxProblem>? _problems;
    private EvtxFile? _file;
    private int _validLength;
    private int _recordsEnd;
    private int _position;
    private bool _walkToEnd;
    private bool _extended;
    private bool _inSlack;
    private bool _slackDone;
    private ulong _lastRecordId;
    private int _loaded;
    private int _dirtyEnd = ChunkSize;
    private bool _complete;

    public ChunkReader()
    {
        Pool = new StringPool();
        _names = new ChunkNames(Pool);
        _compiler = new TemplateCompiler(_names, Pool);
        Record = new EvtxRecord(this);
    }

    public StringPool Pool { get; }

    public EvtxRecord Record { get; }

    public byte[] Buffer => _buffer;

    public int ChunkIndex { get; private set; } = -1;

    public long ChunkFileOffset { get; private set; }

    public bool HeaderChecksumValid { get; private set; }

    public bool DataChecksumValid { get; private set; }

    public ulong FirstRecordId { get; private set; }

    public ulong LastRecordId { get; private set; }

    /// <summary>The code page of ANSI strings in the current file.</summary>
    public Encoding AnsiEncoding { get; private set; } = EvtxReadOptions.Windows1252;

    /// <summary>True while the cursor walks the chunk's slack space (records recovered, not live).</summary>
    public bool InSlack => _inSlack;

    /// <summary>
    /// Loads chunk <paramref name="chunkIndex"/> of <paramref name="file"/>. Returns false when the slot holds no
    /// chunk (zeros, a wrong signature, or too few bytes); problems go to <paramref name="problems"/>.
    /// </summary>
    public bool Load(EvtxFile file, int chunkIndex, List<EvtxProblem> problems)
    {
        Record.Invalidate();
        _file = file;
        _problems = problems;
        AnsiEncoding = file.Options.AnsiEncoding;
        ChunkIndex = chunkIndex;
        ChunkFileOffset = FileHeaderSize + ((long)chunkIndex * ChunkSize);
        _templates.Clear();
        _fragments.Clear();
        _names.Clear();
        _slackIds.Clear();
        _position = ChunkHeaderSize;
        _recordsEnd = ChunkHeaderSize;
        _extended = false;
        _inSlack = false;
        _slackDone = !file.Options.RecoverSlack;
        _compiler.StrictNames = false;
        _lastRecordId = 0;

        // Read the header page first, then only as far as the records go: partly filled chunks (exported or
        // young logs) cost a fraction of 64 KiB, and slots whose first page is zeros (unused) are not read on.
        _loaded = 0;
        _complete = false;
        EnsureLoaded(FirstRead);
        var read = _loaded;
        var span = _buffer.AsSpan();
        if (!span.StartsWith("ElfChnk\0"u8))
        {
            if (read > 0 && span.Slice(0, read).IndexOfAnyExcept((byte)0) >= 0)
            {
                Report(EvtxProblemKind.ChunkSignature, ChunkFileOffset, null, "No chunk signature (ElfChnk) in this 64 KiB slot; the slot is skipped.");
            }

            return false;
        }

        if (read < ChunkHeaderSize)
        {
            Report(EvtxProblemKind.TruncatedFile, ChunkFileOffset, null, $"The chunk header is cut short ({read} of {ChunkHeaderSize} bytes); the chunk is skipped.");
            return false;
        }

        FirstRecordId = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(ChunkFirstRecordId));
        LastRecordId = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(ChunkLastRecordId));
        var freeSpaceOffset = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(ChunkFreeSpaceOffset));
        var dataChecksum = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(ChunkDataChecksum));
        var headerChecksum = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(ChunkHeaderChecksum));

        var computed = Crc32.Append(Crc32.Compute(span.Slice(0, ChunkChecksummedPart1)), span.Slice(ChunkChecksummedPart2Start, ChunkHeaderSize - ChunkChecksummedPart2Start));
        HeaderChecksumValid = computed == headerChecksum;
        if (!HeaderChecksumValid)
        {
            Report(EvtxProblemKind.ChunkHeaderChecksum, ChunkFileOffset, null,
                $"Chunk header checksum mismatch (stored 0x{headerChecksum:x8}, computed 0x{computed:x8}); the chunk is still read.");
        }

        if (freeSpaceOffset < ChunkHeaderSize || freeSpaceOffset > ChunkSize)
        {
            Report(EvtxProblemKind.ChunkHeaderInvalid, ChunkFileOffset + ChunkFreeSpaceOffset, null,
                $"Free space offset {freeSpaceOffset} is impossible; the records are found by walking the chunk.");
            _walkToEnd = true;
            _slackDone = true; // every record found by the walk is read as live: there is no slack to tell apart
            EnsureLoaded(ChunkSize);
            _recordsEnd = _loaded;
            DataChecksumValid = false;
        }
        else
        {
            _walkToEnd = false;
            EnsureLoaded((int)freeSpaceOffset);
            _recordsEnd = (int)freeSpaceOffset;
            var data = Crc32.Compute(span.Slice(ChunkHeaderSize, (int)freeSpaceOffset - ChunkHeaderSize));
            DataChecksumValid = data == dataChecksum;
            if (!DataChecksumValid)
            {
                Report(EvtxProblemKind.ChunkDataChecksum, ChunkFileOffset, null,
                    $"Event records checksum mismatch (stored 0x{dataChecksum:x8}, computed 0x{data:x8}); the records are still read.");
            }
        }

        var available = file.Length - ChunkFileOffset;
        if (available < ChunkSize)
        {
            Report(EvtxProblemKind.TruncatedFile, ChunkFileOffset + available, null,
                $"The file ends inside this chunk ({available} of {ChunkSize} bytes); the records present are read.");
            _recordsEnd = (int)Math.Min(_recordsEnd, available);
        }

        return true;
    }

    /// <summary>
    /// Makes sure the first <paramref name="length"/> bytes of the slot are in the buffer. Bytes past what was
    /// read are zeros (never a previous chunk's), so a stray offset reads nothing meaningful.
    /// </summary>
    private void EnsureLoaded(int length)
    {
        if (length > _loaded && !_complete)
        {
            var wanted = length - _loaded;
            var read = _file!.Source.ReadAt(ChunkFileOffset + _loaded, _buffer.AsSpan(_loaded, wanted));
            _loaded += read;
            _complete = read < wanted || _loaded == ChunkSize;
        }

        if (_dirtyEnd > _loaded)
        {
            _buffer.AsSpan(_loaded, _dirtyEnd - _loaded).Clear();
        }

        _dirtyEnd = _loaded;
        _validLength = _loaded;
    }

    /// <summary>Moves the cursor to the next readable record of the chunk; false at the end of the chunk.</summary>
    public bool MoveNext()
    {
        if (_inSlack)
        {
            return MoveNextInSlack();
        }

        var span = _buffer.AsSpan(0, Math.Max(_validLength, 0));
        while (true)
        {
            if (_position + RecordHeaderSize > _recordsEnd)
            {
                if (!TryExtend())
                {
                    Record.Invalidate();
                    return EnterSlack() && MoveNextInSlack();
                }

                span = _buffer.AsSpan(0, _loaded);
            }

            var start = _position;
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(start));
            if (signature != RecordSignature)
            {
                if (_walkToEnd || _extended)
                {
                    if (span.Slice(start, _recordsEnd - start).IndexOfAnyExcept((byte)0) < 0)
                    {
                        _position = _recordsEnd;
                        continue;
                    }
                }

                Report(EvtxProblemKind.RecordStructure, ChunkFileOffset + start, null, "No event record signature where a record should start; looking for the next record.");
                Resync(span, start + 1);
                continue;
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(start + EvtxLayout.RecordSize));
            if (size < RecordMinimumSize || size > (uint)(span.Length - start))
            {
                Report(EvtxProblemKind.RecordStructure, ChunkFileOffset + start, null, $"Event record size {size} is impossible; looking for the next record.");
                Resync(span, start + 1);
                continue;
            }

            var recordId = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(start + EvtxLayout.RecordId));
            var sizeCopy = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(start + (int)size - RecordTrailerSize));
            if (sizeCopy != size)
            {
                Report(EvtxProblemKind.RecordStructure, ChunkFileOffset + start, recordId,
                    $"Event record size {size} and its copy {sizeCopy} differ; looking for the next record.");
                Resync(span, start + 1);
                continue;
            }

            _position = start + (int)size;
            try
            {
                Record.Load(start, (int)size, recordId, recovered: false);
                _lastRecordId = recordId;
                if (!_slackDone)
                {
                    _slackIds.Add(recordId);
                }

                return true;
            }
            catch (EvtxFormatException ex)
            {
                Record.Invalidate();
                Report(EvtxProblemKind.RecordBinXml, ChunkFileOffset + start, recordId, $"{ex.Message} The record is skipped.");
            }
            catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentException or OverflowException)
            {
                // Defence in depth: the decoder checks every bound itself; should one be missed, the record
                // is still reported and skipped rather than ending the read.
                Record.Invalidate();
                Report(EvtxProblemKind.RecordBinXml, ChunkFileOffset + start, recordId, $"Undecodable Binary XML ({ex.GetType().Name}). The record is skipped.");
            }
        }
    }

    /// <summary>
    /// At the end of the records the header announces, a record that follows directly with the next
    /// identifier was written after the header was last updated (dirty file): read on.
    /// </summary>
    private bool TryExtend()
    {
        if (_extended || _walkToEnd || _lastRecordId == 0)
        {
            return false;
        }

        // Only the next record's header is read to decide: the rest of the slot is read when a record is there
        // (reading the whole slot at the end of every chunk was a tenth of a field-access read's time).
        EnsureLoaded(Math.Min(_position + RecordHeaderSize, ChunkSize));
        var span = _buffer.AsSpan(0, _loaded);
        if (_position + RecordHeaderSize > span.Length)
        {
            return false;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(_position)) != RecordSignature ||
            BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(_position + EvtxLayout.RecordId)) != _lastRecordId + 1)
        {
            return false;
        }

        EnsureLoaded(ChunkSize);
        _extended = true;
        _recordsEnd = _loaded;
        return true;
    }

    /// <summary>Past the live records: walk the rest of the chunk (its slack space) when recovery is asked for.</summary>
    private bool EnterSlack()
    {
        if (_slackDone)
        {
            return false;
        }

        _slackDone = true;
        EnsureLoaded(ChunkSize);
        if (_position >= _loaded)
        {
            return false;
        }

        _inSlack = true;
        _compiler.StrictNames = true;
        _recordsEnd = _loaded;
        return true;
    }

    /// <summary>
    /// The next intact record in slack space: signature, plausible size, matching copy of size, a
    /// non-zero identifier not already read in this file's live records or in this chunk, and Binary XML
    /// that decodes with the templates and names the chunk really holds. Anything else is slack, not damage:
    /// it is stepped over silently.
    /// </summary>
    private bool MoveNextInSlack()
    {
        var span = _buffer.AsSpan(0, _loaded);
        while (true)
        {
            Resync(span, _position);
            var start = _position;
            if (start + RecordHeaderSize > _recordsEnd)
            {
                Record.Invalidate();
                _inSlack = false;
                _compiler.StrictNames = false;
                return false;
            }

            _position = start + 1;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(start + EvtxLayout.RecordSize));
            if (size < RecordMinimumSize || size > (uint)(_recordsEnd - start) ||
                BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(start + (int)size - RecordTrailerSize)) != size)
            {
                continue;
            }

            var recordId = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(start + EvtxLayout.RecordId));
            try
            {
                // Decoded even when it is a copy, so that the templates it defines serve the records after it.
                if (!Record.TryLoadRecovered(start, (int)size, recordId))
                {
                    Record.Invalidate();
                    continue;
                }

                _position = start + (int)size;
                if (recordId == 0 || !_slackIds.Add(recordId) || _file!.IsLiveRecordId(recordId, ChunkIndex))
                {
                    Record.Invalidate();
                    continue;
                }

                return true;
            }
            catch (Exception ex) when (ex is EvtxFormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
            {
                Record.Invalidate();
            }
        }
    }

    private void Resync(ReadOnlySpan<byte> span, int from)
    {
        var limit = _recordsEnd;
        var index = from < limit ? span.Slice(from, limit - from).IndexOf("**\0\0"u8) : -1;
        _position = index < 0 ? limit : from + index;
    }

    /// <summary>
    /// The compiled template whose definition starts at <paramref name="definitionOffset"/>; <paramref name="inline"/>
    /// when the definition sits in the record that uses it. (In slack space the caller has checked that the
    /// definition there is the one the record names: other bytes may have been overwritten since.) Null, in slack
    /// space only, when a name the definition refers to is no longer there: no exception, since most stale
    /// definitions end so.
    /// </summary>
    public CompiledTemplate? GetTemplate(int definitionOffset, bool inline)
    {
        if (_templates.TryGetValue(definitionOffset, out var cached))
        {
            return cached ?? EvtxFormatException.Throw<CompiledTemplate>($"Template at offset {definitionOffset} could not be decoded.");
        }

        try
        {
            var span = _buffer.AsSpan();
            if (definitionOffset < ChunkHeaderSize || definitionOffset > ChunkSize - TemplateDefinitionHeaderSize)
            {
                EvtxFormatException.Throw($"Template definition offset {definitionOffset} is outside the chunk.");
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(definitionOffset + TemplateDefinitionSize));
            var start = definitionOffset + TemplateDefinitionHeaderSize;
            var end = (int)Math.Min((long)start + size, ChunkSize);
            if (!_compiler.TryCompileNodes(span, start, end, out var nodes))
            {
                return null; // only with strict names, in slack space: not remembered, as other failures there
            }

            var template = Share(new Guid(span.Slice(definitionOffset + TemplateDefinitionGuid, 16)), nodes);
            _templates.Set(definitionOffset, template);
            return template;
        }
        catch (EvtxFormatException)
        {
            if (!_inSlack)
            {
                _templates.Set(definitionOffset, null);
            }

            throw;
        }
    }

    /// <summary>
    /// The template met in an earlier chunk (of any file) with the same identifier and the same structure,
    /// names and texts, or this one, prepared and kept: its UTF-8 names, System field places, named values
    /// and render plans then serve every chunk instead of being built again per chunk.
    /// </summary>
    private CompiledTemplate Share(Guid id, ReadOnlySpan<TemplateNode> nodes)
    {
        var key = (id, nodes.Length);
        if (_shared.TryGetValue(key, out var known))
        {
            foreach (var candidate in known)
            {
                if (candidate.SameStructure(nodes))
                {
                    return candidate;
                }
            }
        }
        else
        {
            if (_shared.Count >= MaxSharedTemplates)
            {
                _shared.Clear();
            }

            _shared[key] = known = [];
        }

        var template = new CompiledTemplate(nodes.ToArray());
        template.PrepareUtf8(_utf8);
        template.Id = ++_lastTemplateId;
        if (known.Count < 4)
        {
            known.Add(template);
        }

        return template;
    }

    /// <summary>True when the template definition at <paramref name="definitionOffset"/> has a GUID starting with <paramref name="templateId"/>.</summary>
    public bool DefinitionHasId(int definitionOffset, uint templateId) =>
        definitionOffset >= ChunkHeaderSize && definitionOffset <= ChunkSize - TemplateDefinitionHeaderSize &&
        BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(definitionOffset + TemplateDefinitionGuid)) == templateId;

    /// <summary>A record body (or nested value) without template, compiled as an anonymous template.</summary>
    public CompiledTemplate GetFragment(int start, int end)
    {
        if (_fragments.TryGetValue(start, out var cached))
        {
            return cached ?? EvtxFormatException.Throw<CompiledTemplate>($"Fragment at offset {start} could not be decoded.");
        }

        try
        {
            var template = _compiler.Compile(_buffer, start, end);
            template.PrepareUtf8(_utf8);
            template.Id = ++_lastTemplateId;
            _fragments.Set(start, template);
            return template;
        }
        catch (EvtxFormatException)
        {
            _fragments.Set(start, null);
            throw;
        }
    }

    private void Report(EvtxProblemKind kind, long offset, ulong? recordId, string message) =>
        _problems?.Add(new EvtxProblem(kind, ChunkIndex, offset, recordId, message));
}
