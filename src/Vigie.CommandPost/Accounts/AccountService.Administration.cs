using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Accounts;

/// <summary>
/// What administrators do to accounts (from `vigie admin` or /admin/users): change a role, disable and enable, lift the
/// sign-in holds. Every change is audited; a new role or disabling closes the account's sessions at once. The last
/// enabled administrator can be neither demoted nor disabled, so the command post always has one.
/// </summary>
public sealed partial class AccountService
{
    private const long AccountsLockKey = 0x5669676941; // "VigiA"

    /// <summary>Every account with whether its sign-in is held back and how many sessions it has open.</summary>
    public Task<IReadOnlyList<AccountSummary>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<AccountSummary>>(async c =>
        {
            var now = time.GetUtcNow();
            var rows = await c.QueryAsync<UserRow>($"SELECT {UserColumns} FROM users ORDER BY name").ConfigureAwait(false);
            var open = (await c.QueryAsync<(long UserId, long Count)>(
                "SELECT user_id, COUNT(*) FROM sessions WHERE revoked_at_us IS NULL AND expires_at_us > @now GROUP BY user_id",
                new { now = Time.ToMicros(now) }).ConfigureAwait(false)).ToDictionary(r => r.UserId, r => r.Count);
            var list = new List<AccountSummary>();
            foreach (var row in rows)
            {
                var heldBack = await SignInBackoff.IsHeldBackAsync(c, row.Name, now).ConfigureAwait(false);
                list.Add(new AccountSummary(row.ToUser(), heldBack, (int)open.GetValueOrDefault(row.Id)));
            }

            return list;
        }, cancellationToken);

    /// <summary>Gives an account another role; its sessions close at once (its tokens act with the new role).</summary>
    public Task<Result<User>> SetRoleAsync(string userName, UserRole role, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Result<User>>(async unit =>
        {
            if (await LockUserAsync(unit, userName).ConfigureAwait(false) is not { } row)
            {
                return Problem.NotFound(ProblemCode.UserNotFound, userName);
            }

            var current = WireName<UserRole>.Parse(row.Role);
            if (current == role)
            {
                return row.ToUser();
            }

            if (current == UserRole.Admin && row.Disabled == 0 && await OtherAdminsAsync(unit, row.Id).ConfigureAwait(false) == 0)
            {
                return Problem.Conflict("role", ProblemCode.LastAdministrator, row.Name);
            }

            await unit.Connection.ExecuteAsync("UPDATE users SET role = @role WHERE id = @id", new { id = row.Id, role = WireName<UserRole>.Of(role) }, unit.Transaction).ConfigureAwait(false);
            var closed = await RevokeSessionsAsync(unit, row.Id).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "user.role", $"user:{row.Name}",
                $"{row.Role} -> {WireName<UserRole>.Of(role)}" + (SessionsClosed(closed) is { } s ? "; " + s : "")).ConfigureAwait(false);
            return row.ToUser() with { Role = role };
        }, cancellationToken);

    /// <summary>Disables an account (its sessions close and its tokens stop at once) or enables it again.</summary>
    public Task<Result<User>> SetDisabledAsync(string userName, bool disabled, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Result<User>>(async unit =>
        {
            if (await LockUserAsync(unit, userName).ConfigureAwait(false) is not { } row)
            {
                return Problem.NotFound(ProblemCode.UserNotFound, userName);
            }

            if ((row.Disabled != 0) == disabled)
            {
                return row.ToUser();
            }

            if (disabled && row.Role == WireName<UserRole>.Of(UserRole.Admin) && await OtherAdminsAsync(unit, row.Id).ConfigureAwait(false) == 0)
            {
                return Problem.Conflict("disabled", ProblemCode.LastEnabledAdministrator, row.Name);
            }

            await unit.Connection.ExecuteAsync("UPDATE users SET disabled = @disabled WHERE id = @id", new { id = row.Id, disabled = disabled ? 1 : 0 }, unit.Transaction).ConfigureAwait(false);
            var closed = disabled ? await RevokeSessionsAsync(unit, row.Id).ConfigureAwait(false) : 0;
            await audit.WriteAsync(unit, actor, disabled ? "user.disable" : "user.enable", $"user:{row.Name}", SessionsClosed(closed)).ConfigureAwait(false);
            return row.ToUser() with { Disabled = disabled };
        }, cancellationToken);

    /// <summary>Lifts every sign-in hold on an account, from every address (the director locked out by a stranger).</summary>
    public Task<Result<User>> UnlockAsync(string userName, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Result<User>>(async unit =>
        {
            if (await LockUserAsync(unit, userName).ConfigureAwait(false) is not { } row)
            {
                return Problem.NotFound(ProblemCode.UserNotFound, userName);
            }

            await unit.Connection.ExecuteAsync("UPDATE users SET failed_logins = 0, locked_until_us = NULL WHERE id = @id", new { id = row.Id }, unit.Transaction).ConfigureAwait(false);
            await SignInBackoff.ClearAsync(unit, row.Name).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "user.unlock", $"user:{row.Name}").ConfigureAwait(false);
            return row.ToUser();
        }, cancellationToken);

    /// <summary>
    /// Reads the account for a change. On PostgreSQL account changes first take one advisory lock, so two administrators
    /// demoting the last two admins at once cannot both pass (SQLite already runs one write at a time).
    /// </summary>
    private static async Task<UserRow?> LockUserAsync(UnitOfWork unit, string userName)
    {
        if (unit.Kind == DatabaseKind.PostgreSql)
        {
            await unit.Connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = AccountsLockKey }, unit.Transaction).ConfigureAwait(false);
        }

        return await unit.Connection.QuerySingleOrDefaultAsync<UserRow?>($"SELECT {UserColumns} FROM users WHERE lower(name) = lower(@userName)",
            new { userName }, unit.Transaction).ConfigureAwait(false);
    }

    /// <summary>Enabled administrators other than this account.</summary>
    private static Task<long> OtherAdminsAsync(UnitOfWork unit, long userId) =>
        unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> @userId", new { userId }, unit.Transaction);
}
