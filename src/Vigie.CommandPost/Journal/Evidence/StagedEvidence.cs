namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>
/// An upload written to a temporary file and flushed to disk, with its SHA-256, size and type. The store moves it
/// into place (or copies it into the database); whatever is left is deleted when this is disposed.
/// </summary>
internal sealed class StagedEvidence(string path, string sha256, long sizeBytes, string contentType) : IDisposable
{
    public string Path { get; } = path;

    public string Sha256 { get; } = sha256;

    public long SizeBytes { get; } = sizeBytes;

    public string ContentType { get; } = contentType;

    public StoredEvidence Stored => new(Sha256, ContentType, SizeBytes);

    public void Dispose()
    {
        try
        {
            File.Delete(Path); // nothing there once moved into place
        }
        catch (IOException)
        {
            // a temporary file left behind is removed by the sweep
        }
    }
}
