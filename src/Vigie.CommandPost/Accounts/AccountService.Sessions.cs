using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Accounts;

/// <summary>
/// Server-side sessions: the browser's cookie carries a random session id, the database its SHA-256 and whether it
/// still holds. Logout, a new password, a new role and disabling the account end sessions in the database, so they end
/// at once for every server and for a copied cookie. Each signed-in request reads its session row (one primary-key
/// read, no cache: `vigie admin` revokes from another process, and PostgreSQL may have several servers).
/// </summary>
public sealed partial class AccountService
{
    /// <summary>A session ends this long after its last use (the cookie's sliding lifetime is the same).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary>An active session's expiry is pushed back at most this often (one write), not on every request.</summary>
    private static readonly TimeSpan s_sessionRenewal = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Sessions opened while the disk could not record them (full or read-only): id hash → user id and expiry. They
    /// hold until this server stops, logout or a revocation of the account's sessions.
    /// </summary>
    private readonly ConcurrentDictionary<string, (long UserId, DateTimeOffset Expires)> _unrecorded = new(StringComparer.Ordinal);

    private string OpenUnrecordedSession(long userId, DateTimeOffset now)
    {
        var id = TokenHasher.NewToken("");
        _unrecorded[TokenHasher.Hash(id)] = (userId, now + SessionLifetime);
        return id;
    }

    /// <summary>Opens a session for a user who just proved who they are (the first administrator's set-up); returns its id.</summary>
    public Task<string> StartSessionAsync(User user, string? address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return database.WriteAsync(unit => CreateSessionAsync(unit, user.Id, address, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>The session's user when the session holds (not ended, not expired, account enabled); otherwise null.</summary>
    public async Task<User?> ValidateSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var hash = TokenHasher.Hash(sessionId);
        var now = time.GetUtcNow();
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<SessionRow>(
            "SELECT s.expires_at_us AS ExpiresAtUs, s.revoked_at_us AS RevokedAtUs, u.id AS Id, u.name AS Name, u.display_name AS DisplayName, u.role AS Role, u.disabled AS Disabled " +
            "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = @hash", new { hash }), cancellationToken).ConfigureAwait(false);
        var nowUs = Time.ToMicros(now);
        if (row is null && _unrecorded.TryGetValue(hash, out var held))
        {
            return held.Expires > now ? await EnabledUserAsync(held.UserId, cancellationToken).ConfigureAwait(false) : null;
        }

        if (row is null || row.RevokedAtUs is not null || row.ExpiresAtUs <= nowUs || row.Disabled != 0)
        {
            return null;
        }

        if (row.ExpiresAtUs - nowUs < (SessionLifetime - s_sessionRenewal).Ticks / 10)
        {
            try
            {
                await database.WriteAsync(unit => unit.Connection.ExecuteAsync(
                    "UPDATE sessions SET expires_at_us = @until WHERE id_hash = @hash AND revoked_at_us IS NULL",
                    new { hash, until = Time.ToMicros(now + SessionLifetime) }, unit.Transaction), cancellationToken).ConfigureAwait(false);
            }
            catch (DatabaseUnavailableException e) when (e.Failure is StorageFailure.DiskFull or StorageFailure.ReadOnly)
            {
                // Renewal is bookkeeping: with a full disk the session still holds until its recorded expiry.
            }
        }

        return new User(row.Id, row.Name, row.DisplayName, WireName<UserRole>.Parse(row.Role), false);
    }

    /// <summary>Ends one session (logout); audited. Ending an unknown or ended session does nothing.</summary>
    public async Task EndSessionAsync(string sessionId, string actor, string? address, CancellationToken cancellationToken = default)
    {
        var hash = TokenHasher.Hash(sessionId);
        if (_unrecorded.TryRemove(hash, out _))
        {
            await audit.TryWriteAsync(actor, "logout", $"user:{actor}", "session opened while the disk was full", address, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await database.WriteAsync(async unit =>
            {
                var ended = await unit.Connection.ExecuteAsync("UPDATE sessions SET revoked_at_us = @now WHERE id_hash = @hash AND revoked_at_us IS NULL",
                    new { hash, now = Time.ToMicros(time.GetUtcNow()) }, unit.Transaction).ConfigureAwait(false);
                await audit.WriteAsync(unit, actor, "logout", $"user:{actor}", ended == 0 ? "session already closed" : null, address).ConfigureAwait(false);
                return ended;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseUnavailableException e) when (e.Failure is StorageFailure.DiskFull or StorageFailure.ReadOnly)
        {
            // Nothing can be written: the browser forgets its cookie; the session row ends at its expiry.
        }
    }

    private async Task<string> CreateSessionAsync(UnitOfWork unit, long userId, string? address, DateTimeOffset now)
    {
        var id = TokenHasher.NewToken("");
        var nowUs = Time.ToMicros(now);
        // Forget sessions that ended more than a month ago (they only served to refuse a copied cookie until its own expiry).
        await unit.Connection.ExecuteAsync("DELETE FROM sessions WHERE user_id = @userId AND expires_at_us < @old",
            new { userId, old = Time.ToMicros(now - TimeSpan.FromDays(30)) }, unit.Transaction).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(
            "INSERT INTO sessions (id_hash, user_id, created_at_us, expires_at_us, address) VALUES (@hash, @userId, @now, @until, @address)",
            new { hash = TokenHasher.Hash(id), userId, now = nowUs, until = Time.ToMicros(now + SessionLifetime), address }, unit.Transaction).ConfigureAwait(false);
        return id;
    }

    /// <summary>Ends every open session of an account, in the caller's transaction; returns how many.</summary>
    private Task<int> RevokeSessionsAsync(UnitOfWork unit, long userId)
    {
        foreach (var (key, held) in _unrecorded)
        {
            if (held.UserId == userId)
            {
                _unrecorded.TryRemove(key, out _);
            }
        }

        return unit.Connection.ExecuteAsync("UPDATE sessions SET revoked_at_us = @now WHERE user_id = @userId AND revoked_at_us IS NULL",
            new { userId, now = Time.ToMicros(time.GetUtcNow()) }, unit.Transaction);
    }

    private async Task<User?> EnabledUserAsync(long userId, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE id = @userId", new { userId }),
            cancellationToken).ConfigureAwait(false);
        return row is { Disabled: 0 } ? row.ToUser() : null;
    }

    private static string? SessionsClosed(int count) =>
        count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{count} session(s) closed");

    private sealed class SessionRow
    {
        public long ExpiresAtUs { get; set; }
        public long? RevokedAtUs { get; set; }
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
        public long Disabled { get; set; }
    }
}
