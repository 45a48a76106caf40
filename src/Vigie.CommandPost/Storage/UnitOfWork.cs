using System.Data.Common;

namespace Vigie.CommandPost.Storage;

/// <summary>
/// One write transaction. Features change their own tables and append journal entries through the same
/// <see cref="Connection"/> and <see cref="Transaction"/>, so both land or neither does. Changes published with
/// <see cref="Publish"/> reach listeners only after the commit.
/// </summary>
public sealed class UnitOfWork
{
    private readonly List<IncidentChange> _changes = [];

    internal UnitOfWork(DbConnection connection, DbTransaction transaction, DatabaseKind kind)
    {
        Connection = connection;
        Transaction = transaction;
        Kind = kind;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public DatabaseKind Kind { get; }

    internal IReadOnlyList<IncidentChange> Changes => _changes;

    /// <summary>
    /// Journal heads (count, hash, first seq carrying the exercise mark) already locked and read in this transaction,
    /// so a batch reads each once.
    /// </summary>
    internal Dictionary<long, (long Count, string Hash, long? MarkedFrom)> JournalHeads { get; } = [];

    /// <summary>Tells live pages, after the commit, that something of an incident changed (topic: journal, actions...).</summary>
    public void Publish(IncidentChange change) => _changes.Add(change);

    /// <summary>Picks the SQL of the current dialect.</summary>
    public string Sql(string sqlite, string postgres) => Kind == DatabaseKind.Sqlite ? sqlite : postgres;
}
