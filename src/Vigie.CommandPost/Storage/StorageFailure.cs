namespace Vigie.CommandPost.Storage;

/// <summary>Why the database cannot do what was asked: people are told which, in their language (the web host) or in one line (the CLI).</summary>
public enum StorageFailure
{
    /// <summary>Not reachable or not answering (a PostgreSQL server down, a locked file): retry later.</summary>
    Unreachable,

    /// <summary>The disk that holds the data is full: reading works, nothing can be recorded until space is freed.</summary>
    DiskFull,

    /// <summary>The data folder or the database is read-only: nothing can be recorded there.</summary>
    ReadOnly,

    /// <summary>The database file is damaged or is not a Vigie database: restore a backup.</summary>
    Damaged,
}
