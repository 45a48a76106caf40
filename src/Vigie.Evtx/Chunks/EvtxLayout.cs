namespace Vigie.Evtx.Chunks;

/// <summary>
/// Sizes and offsets of the EVTX structures (format reference: <c>../shared/docs/reference/evtx-format.asciidoc</c>).
/// Offsets are relative to the start of their structure.
/// </summary>
internal static class EvtxLayout
{
    // File header (4 KiB block; the first 128 bytes are meaningful).
    public const int FileHeaderSize = 4096;
    public const int FileHeaderUsedSize = 128;
    public const int FileFirstChunkNumber = 8;
    public const int FileLastChunkNumber = 16;
    public const int FileNextRecordId = 24;
    public const int FileHeaderSizeField = 32;
    public const int FileMinorVersion = 36;
    public const int FileMajorVersion = 38;
    public const int FileHeaderBlockSize = 40;
    public const int FileChunkCount = 42;
    public const int FileFlags = 120;
    public const int FileChecksum = 124;

    /// <summary>The file header's CRC-32 covers its first 120 bytes.</summary>
    public const int FileChecksummedSize = 120;

    // Chunk (64 KiB) and its 512-byte header.
    public const int ChunkSize = 65536;
    public const int ChunkHeaderSize = 512;
    public const int ChunkFirstRecordId = 24;
    public const int ChunkLastRecordId = 32;
    public const int ChunkFreeSpaceOffset = 48;
    public const int ChunkDataChecksum = 52;
    public const int ChunkHeaderChecksum = 124;

    /// <summary>The chunk header's CRC-32 covers bytes 0..120 and 128..512.</summary>
    public const int ChunkChecksummedPart1 = 120;
    public const int ChunkChecksummedPart2Start = 128;

    // Event record: signature, size, identifier, written time, Binary XML, copy of size.
    public const uint RecordSignature = 0x00002a2a;
    public const int RecordSize = 4;
    public const int RecordId = 8;
    public const int RecordWrittenTime = 16;
    public const int RecordHeaderSize = 24;
    public const int RecordTrailerSize = 4;

    /// <summary>The smallest possible record: header, one byte of Binary XML (end of fragment), padding, copy of size.</summary>
    public const int RecordMinimumSize = 32;

    // Template definition: next definition offset (4), GUID (16), data size (4), then the Binary XML.
    public const int TemplateDefinitionGuid = 4;
    public const int TemplateDefinitionSize = 20;
    public const int TemplateDefinitionHeaderSize = 24;

    // Name: next name offset (4), hash (2), character count (2), UTF-16 characters, NUL.
    public const int NameCharacterCount = 6;
    public const int NameHeaderSize = 8;
}
