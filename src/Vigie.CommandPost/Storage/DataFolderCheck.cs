namespace Vigie.CommandPost.Storage;

/// <summary>
/// Start-up check of a folder Vigie writes to (the SQLite database's, the server's data folder): it is a folder, it can
/// be created, a file can be written in it, and the database files in it can be written. What is wrong is said in one
/// line (a <see cref="DatabaseUnavailableException"/>) before anything half-starts. A full disk is not a reason to
/// refuse to start (people can still read): <see cref="Check"/> returns it as a warning instead.
/// </summary>
public static class DataFolderCheck
{
    /// <summary>Throws when <paramref name="folder"/> cannot be written; returns a warning (the disk is full) or null.</summary>
    /// <param name="databaseFile">The SQLite file in it, whose -wal and -shm files are checked too (null: none).</param>
    public static string? Check(string folder, string? databaseFile = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        folder = Path.GetFullPath(folder);
        for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
            {
                throw new DatabaseUnavailableException(StorageFailure.Unreachable,
                    $"{dir} is a file, not a folder: the data folder {folder} cannot be there. Give --database a path in a folder.");
            }

            if (Directory.Exists(dir))
            {
                break;
            }
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException(StorageFailure.ReadOnly,
                $"the data folder {folder} cannot be created, its parent is read-only or not writable ({Reason(e)}).", e);
        }

        var leftover = databaseFile is not null && File.Exists(databaseFile + "-wal")
            ? $", and it holds writes not yet applied ({Path.GetFileName(databaseFile)}-wal) that need it writable"
            : "";
        var probe = Path.Combine(folder, $".vigie-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            stream.WriteByte(0);
            stream.Flush(flushToDisk: true);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            TryDelete(probe);
            return $"the disk that holds {folder} is full: reading works, nothing can be recorded until space is freed.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            throw new DatabaseUnavailableException(StorageFailure.ReadOnly,
                $"the data folder {folder} is read-only or not writable ({Reason(e)}){leftover}: Vigie must write there. Make it writable, or copy it to a writable place and point --database at the copy.", e);
        }

        if (databaseFile is not null)
        {
            foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm" })
            {
                if (!File.Exists(file))
                {
                    continue;
                }

                try
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new DatabaseUnavailableException(StorageFailure.ReadOnly,
                        $"the database file {file} in the data folder {folder} is read-only or not writable ({Reason(e)}): Vigie must write there.", e);
                }
            }
        }

        return null;
    }

    /// <summary>Whether an I/O error is "no space left on device" (ENOSPC) or "quota exceeded" (EDQUOT).</summary>
    public static bool IsDiskFull(IOException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        const int ENOSPC = 28, EDQUOT = 122, WindowsDiskFull = unchecked((int)0x80070070);
        return e.HResult is ENOSPC or EDQUOT or WindowsDiskFull ||
               e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase) ||
               e.Message.Contains("Disk quota exceeded", StringComparison.OrdinalIgnoreCase);
    }

    private static string Reason(Exception e)
    {
        // "Read-only file system : '/path'" -> "Read-only file system": the path is said once, by the caller.
        var message = e.Message;
        var colon = message.IndexOf(" : '", StringComparison.Ordinal);
        return (colon > 0 ? message[..colon] : message).TrimEnd('.');
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
