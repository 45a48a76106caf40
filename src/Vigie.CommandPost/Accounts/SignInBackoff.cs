using System.Data.Common;
using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Accounts;

/// <summary>
/// The sign-in failure counters of <see cref="LockoutPolicy"/>, in the database (so every server of a PostgreSQL
/// deployment and `vigie admin unlock` see the same ones). Unknown names are counted like real ones: nothing a stranger
/// can observe differs between them.
/// </summary>
internal sealed class SignInBackoff(LockoutPolicy policy)
{
    private const string Pair = "pair";
    private const string Account = "account";
    private const string Address = "address";
    private long _nextCleanupUs;

    /// <summary>The counter subjects of an attempt: the name as typed, lower case and bounded; the address by <see cref="AddressKey"/>.</summary>
    public static (string Name, string Address) Subjects(string name, string? address)
    {
        var key = name.Trim().ToLowerInvariant();
        return (key.Length > 100 ? key[..100] : key, AddressKey.Of(address));
    }

    /// <summary>Why an attempt is held back (for the audit trail), or null when it may be checked.</summary>
    public async Task<string?> HeldBackAsync(DbConnection connection, string name, string address, DateTimeOffset now)
    {
        var rows = (await connection.QueryAsync<Row>(
            "SELECT scope AS Scope, blocked_until_us AS BlockedUntilUs, last_success_at_us AS LastSuccessAtUs FROM sign_in_failures " +
            "WHERE (scope = 'pair' AND subject = @pair) OR (scope = 'account' AND subject = @name) OR (scope = 'address' AND subject = @address)",
            new { pair = PairSubject(name, address), name, address }).ConfigureAwait(false)).ToList();
        var nowUs = Time.ToMicros(now);
        var trustedSince = Time.ToMicros(now - policy.TrustedFor);
        var trusted = rows.Any(r => r.Scope == Pair && r.LastSuccessAtUs >= trustedSince);
        foreach (var row in rows)
        {
            if (row.BlockedUntilUs > nowUs && (row.Scope != Account || !trusted))
            {
                return string.Create(CultureInfo.InvariantCulture, $"held back ({row.Scope}) until {Time.FromMicros(row.BlockedUntilUs!.Value):O}");
            }
        }

        return null;
    }

    /// <summary>Counts a failure on the three counters; returns what reached its threshold (for the audit trail), or null.</summary>
    public async Task<string?> FailedAsync(UnitOfWork unit, string name, string address, DateTimeOffset now)
    {
        await CleanupAsync(unit, now).ConfigureAwait(false);
        List<string>? blocked = null;
        foreach (var (scope, subject, threshold) in new[]
        {
            (Pair, PairSubject(name, address), policy.PerAccountAndAddress),
            (Account, name, policy.PerAccount),
            (Address, address, policy.PerAddress),
        })
        {
            var failures = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO sign_in_failures (scope, subject, failures, last_failure_at_us) VALUES (@scope, @subject, 1, @now) " +
                "ON CONFLICT (scope, subject) DO UPDATE SET failures = CASE WHEN sign_in_failures.last_failure_at_us IS NULL OR sign_in_failures.last_failure_at_us < @forget " +
                "THEN 1 ELSE sign_in_failures.failures + 1 END, last_failure_at_us = @now RETURNING failures",
                new { scope, subject, now = Time.ToMicros(now), forget = Time.ToMicros(now - policy.ForgetAfter) }, unit.Transaction).ConfigureAwait(false);
            if (failures < threshold)
            {
                continue;
            }

            var until = now + policy.Delay(failures, threshold);
            await unit.Connection.ExecuteAsync("UPDATE sign_in_failures SET blocked_until_us = @until WHERE scope = @scope AND subject = @subject",
                new { scope, subject, until = Time.ToMicros(until) }, unit.Transaction).ConfigureAwait(false);
            (blocked ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"{scope} {subject}: {failures} failures, held back until {until:O}"));
        }

        return blocked is null ? null : string.Join("; ", blocked);
    }

    /// <summary>A success clears the three counters and remembers that this account signs in from this address.</summary>
    public async Task SucceededAsync(UnitOfWork unit, string name, string address, DateTimeOffset now)
    {
        await unit.Connection.ExecuteAsync(
            "UPDATE sign_in_failures SET failures = 0, blocked_until_us = NULL " +
            "WHERE (scope = 'account' AND subject = @name) OR (scope = 'address' AND subject = @address)",
            new { name, address }, unit.Transaction).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(
            "INSERT INTO sign_in_failures (scope, subject, failures, last_success_at_us) VALUES ('pair', @pair, 0, @now) " +
            "ON CONFLICT (scope, subject) DO UPDATE SET failures = 0, blocked_until_us = NULL, last_success_at_us = @now",
            new { pair = PairSubject(name, address), now = Time.ToMicros(now) }, unit.Transaction).ConfigureAwait(false);
    }

    /// <summary>Lifts every hold on an account (an administrator's unlock, a new password); keeps the addresses it is trusted from.</summary>
    public static Task<int> ClearAsync(UnitOfWork unit, string name) =>
        unit.Connection.ExecuteAsync(
            "UPDATE sign_in_failures SET failures = 0, blocked_until_us = NULL WHERE (scope = 'account' AND subject = @name) OR (scope = 'pair' AND subject LIKE @prefix ESCAPE '\\')",
            new { name = name.ToLowerInvariant(), prefix = EscapeLike(name.ToLowerInvariant()) + "|%" }, unit.Transaction);

    /// <summary>Whether any hold on the account is in force now (from any address).</summary>
    public static async Task<bool> IsHeldBackAsync(DbConnection connection, string name, DateTimeOffset now, DbTransaction? transaction = null) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sign_in_failures WHERE blocked_until_us > @now AND ((scope = 'account' AND subject = @name) OR (scope = 'pair' AND subject LIKE @prefix ESCAPE '\\'))",
            new { name = name.ToLowerInvariant(), prefix = EscapeLike(name.ToLowerInvariant()) + "|%", now = Time.ToMicros(now) }, transaction).ConfigureAwait(false) > 0;

    private static string PairSubject(string name, string address) => name + "|" + address;

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>At most every ten minutes, forgets counters with no failure for a day and no success still trusted.</summary>
    private async Task CleanupAsync(UnitOfWork unit, DateTimeOffset now)
    {
        var nowUs = Time.ToMicros(now);
        var next = Interlocked.Read(ref _nextCleanupUs);
        if (nowUs < next || Interlocked.CompareExchange(ref _nextCleanupUs, nowUs + 600_000_000L, next) != next)
        {
            return;
        }

        await unit.Connection.ExecuteAsync(
            "DELETE FROM sign_in_failures WHERE (last_failure_at_us IS NULL OR last_failure_at_us < @forget) AND (blocked_until_us IS NULL OR blocked_until_us < @now) " +
            "AND (last_success_at_us IS NULL OR last_success_at_us < @trusted)",
            new { now = nowUs, forget = Time.ToMicros(now - policy.ForgetAfter), trusted = Time.ToMicros(now - policy.TrustedFor) }, unit.Transaction).ConfigureAwait(false);
    }

    private sealed class Row
    {
        public string Scope { get; set; } = "";
        public long? BlockedUntilUs { get; set; }
        public long? LastSuccessAtUs { get; set; }
    }
}
