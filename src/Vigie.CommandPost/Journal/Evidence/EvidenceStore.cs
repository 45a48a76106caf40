using System.Buffers;
using System.Security.Cryptography;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>
/// Where attached files live, by their SHA-256. SQLite: files in the folder <c>evidence</c> beside the database file
/// (<see cref="FileEvidenceStore"/>), so a laptop's evidence is plain files an investigator can hash, and a copy of the
/// folder beside a copy of the database is a complete backup. PostgreSQL: in the database itself
/// (<see cref="PostgresEvidenceStore"/>), because a territory's server may run several web nodes that share no disk,
/// and pg_dump, replication and failover must carry the evidence with the journal that proves it.
/// In both, content is written and made durable before the entry that refers to it commits; content that no entry
/// ended up referring to is harmless (content-addressed) and removed by <see cref="SweepAsync"/> after a grace period.
/// </summary>
public abstract class EvidenceStore
{
    private const int BufferSize = 128 * 1024;

    private protected EvidenceStore()
    {
    }

    /// <summary>The folder for temporary files while an upload streams in.</summary>
    private protected abstract string StagingFolder { get; }

    public static EvidenceStore For(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Settings.SqliteFile is { } file
            ? new FileEvidenceStore(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, FileEvidenceStore.FolderName))
            : new PostgresEvidenceStore(database);
    }

    /// <summary>
    /// Streams <paramref name="content"/> to a temporary file flushed to disk, hashing, counting and typing it on the way;
    /// stops as soon as it is larger than <paramref name="maxBytes"/>.
    /// </summary>
    internal async Task<(StagedEvidence? Staged, EvidenceRefused? Refused)> StageAsync(
        Stream content, string field, string? fileName, long maxBytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(StagingFolder);
        var path = System.IO.Path.Combine(StagingFolder, Guid.NewGuid().ToString("N") + ".part");
        var sniffer = new EvidenceSniffer();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        var keep = false;
        try
        {
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        return (null, new EvidenceRefused(EvidenceRefusal.TooLarge, field, fileName, maxBytes));
                    }

                    sha.AppendData(buffer, 0, read);
                    sniffer.Append(buffer.AsSpan(0, read));
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                output.Flush(flushToDisk: true);
            }

            if (size == 0)
            {
                return (null, new EvidenceRefused(EvidenceRefusal.Empty, field, fileName));
            }

            if (sniffer.Finish() is not { } type)
            {
                return (null, new EvidenceRefused(EvidenceRefusal.UnsupportedType, field, fileName));
            }

            keep = true;
            return (new StagedEvidence(path, Convert.ToHexStringLower(sha.GetHashAndReset()), size, type), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!keep)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>In the upload's transaction: records the file (or refreshes when it was last stored) and puts its bytes in place.</summary>
    internal abstract Task SaveAsync(UnitOfWork unit, StagedEvidence staged, long nowUs);

    /// <summary>In an append's transaction: whether the bytes of a recorded file are there to refer to.</summary>
    internal abstract bool IsPresent(string sha256);

    /// <summary>The stored bytes, or null when they are not there.</summary>
    public abstract Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Whether the bytes are there and still hash to <paramref name="sha256"/>.</summary>
    public abstract Task<EvidenceState> CheckAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// In a write transaction: removes what no entry refers to and was last stored before <paramref name="cutoffUs"/>
    /// (an upload whose entry was never written, a temporary file left by a crash). Returns how many files went.
    /// </summary>
    internal abstract Task<int> SweepAsync(UnitOfWork unit, long cutoffUs);

    /// <summary>Hashes a stream (lowercase hex).</summary>
    private protected static async Task<string> HashAsync(Stream stream, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
}
