using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Audit;

/// <summary>
/// Who did what, when, from where: sign-ins (failed ones too), account changes and every change to the
/// command post. Written in the same transaction as the change it describes.
/// </summary>
public sealed class AuditLog(Database database, TimeProvider time)
{
    public Task WriteAsync(UnitOfWork unit, string actor, string action, string? target = null, string? detail = null, string? address = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Connection.ExecuteAsync(
            "INSERT INTO audit_log (at_us, actor, action, target, detail, address) VALUES (@at, @actor, @action, @target, @detail, @address)",
            new { at = Time.ToMicros(time.GetUtcNow()), actor, action, target, detail = Truncate(detail), address },
            unit.Transaction);
    }

    public Task WriteAsync(string actor, string action, string? target = null, string? detail = null, string? address = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            await WriteAsync(unit, actor, action, target, detail, address).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Writes a line that must not stop what it describes when the disk is full or the database read-only (a sign-in, a
    /// logout, a report downloaded): the line is then lost, and false says so. Other failures are thrown.
    /// </summary>
    public async Task<bool> TryWriteAsync(string actor, string action, string? target = null, string? detail = null, string? address = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await WriteAsync(actor, action, target, detail, address, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DatabaseUnavailableException e) when (e.Failure is StorageFailure.DiskFull or StorageFailure.ReadOnly)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(int limit = 500, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<AuditEntry>>(async connection =>
            (await connection.QueryAsync<Row>(
                "SELECT id AS Id, at_us AS AtUs, actor AS Actor, action AS Action, target AS Target, detail AS Detail, address AS Address FROM audit_log ORDER BY id DESC LIMIT @limit",
                new { limit }).ConfigureAwait(false))
            .Select(r => new AuditEntry(r.Id, Time.FromMicros(r.AtUs), r.Actor, r.Action, r.Target, r.Detail, r.Address)).ToList(), cancellationToken);

    private static string? Truncate(string? detail) => detail is { Length: > 1000 } ? detail[..1000] + "…" : detail;

    private sealed class Row
    {
        public long Id { get; set; }
        public long AtUs { get; set; }
        public string Actor { get; set; } = "";
        public string Action { get; set; } = "";
        public string? Target { get; set; }
        public string? Detail { get; set; }
        public string? Address { get; set; }
    }
}
