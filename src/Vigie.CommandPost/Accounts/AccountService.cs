using System.Globalization;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Accounts;

/// <summary>Local accounts only (the hospital's directory may be compromised): users, sign-in with lockout, API tokens, first set-up.</summary>
public sealed class AccountService(Database database, AuditLog audit, TimeProvider time, LockoutPolicy? lockout = null)
{
    private const string UserColumns = "id AS Id, name AS Name, display_name AS DisplayName, role AS Role, disabled AS Disabled, password_hash AS PasswordHash, failed_logins AS FailedLogins, locked_until_us AS LockedUntilUs";
    private readonly LockoutPolicy _lockout = lockout ?? new LockoutPolicy();

    /// <summary>Password hashing cost; tests lower it. Never below 100,000 outside tests.</summary>
    internal int Iterations { get; set; } = PasswordHasher.DefaultIterations;

    public static Problem? ValidateName(string? name)
    {
        if (Limits.Text("name", name, 64) is { } problem)
        {
            return problem;
        }

        foreach (var c in name!)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return Problem.Invalid("name", "name may only contain letters, digits, '.', '-' and '_'.");
            }
        }

        return null;
    }

    public static Problem? ValidatePassword(string? password) =>
        password is null || password.Length < 12
            ? Problem.Invalid("password", "password must have at least 12 characters.")
            : password.Length > 200 ? Problem.Invalid("password", "password is too long (at most 200 characters).") : null;

    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users").ConfigureAwait(false) > 0, cancellationToken);

    public async Task<Result<User>> CreateUserAsync(string name, string? displayName, UserRole role, string password, string actor, CancellationToken cancellationToken = default)
    {
        if ((ValidateName(name) ?? ValidatePassword(password) ?? Limits.Text("displayName", displayName, Limits.NameMaxLength, required: false)) is { } problem)
        {
            return problem;
        }

        var hash = PasswordHasher.Hash(password, Iterations);
        return await database.WriteAsync(unit => CreateUserAsync(unit, name, displayName, role, hash, actor), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<User>> CreateUserAsync(UnitOfWork unit, string name, string? displayName, UserRole role, string hash, string actor)
    {
        var exists = await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE lower(name) = lower(@name)", new { name }, unit.Transaction).ConfigureAwait(false);
        if (exists > 0)
        {
            return Problem.Conflict($"A user named '{name}' already exists.", "name");
        }

        var id = await unit.Connection.ExecuteScalarAsync<long>(
            "INSERT INTO users (name, display_name, role, password_hash, created_at_us) VALUES (@name, @display, @role, @hash, @at) RETURNING id",
            new { name, display = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(), role = WireName<UserRole>.Of(role), hash, at = Time.ToMicros(time.GetUtcNow()) },
            unit.Transaction).ConfigureAwait(false);
        await audit.WriteAsync(unit, actor, "user.create", $"user:{name}", WireName<UserRole>.Of(role)).ConfigureAwait(false);
        return new User(id, name, string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(), role, false);
    }

    public Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<User>>(async c =>
            (await c.QueryAsync<UserRow>($"SELECT {UserColumns} FROM users ORDER BY name").ConfigureAwait(false)).Select(r => r.ToUser()).ToList(), cancellationToken);

    public Task<User?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
            (await c.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE lower(name) = lower(@name)", new { name }).ConfigureAwait(false))?.ToUser(),
            cancellationToken);

    /// <summary>Checks a password; counts failures, locks the account after too many, and audits every attempt.</summary>
    public async Task<LoginResult> LoginAsync(string name, string password, string? address, CancellationToken cancellationToken = default)
    {
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {UserColumns} FROM users WHERE lower(name) = lower(@name)", new { name }), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (row is null || row.Disabled != 0)
        {
            // Same cost as a real check, so response times do not tell which names exist.
            _ = PasswordHasher.Verify(password, PasswordHasher.Hash("not-a-user", Iterations));
            await audit.TryWriteAsync(name, "login.failed", $"user:{name}", "unknown or disabled account", address, cancellationToken).ConfigureAwait(false);
            return new LoginResult(LoginOutcome.InvalidCredentials, null);
        }

        if (row.LockedUntilUs is { } lockedUs && Time.FromMicros(lockedUs) > now)
        {
            await audit.TryWriteAsync(name, "login.locked", $"user:{row.Name}", null, address, cancellationToken).ConfigureAwait(false);
            return new LoginResult(LoginOutcome.LockedOut, null, Time.FromMicros(lockedUs));
        }

        var ok = PasswordHasher.Verify(password, row.PasswordHash);
        try
        {
            return await RecordLoginAsync(row, ok, address, now, cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseUnavailableException e) when (e.Failure is StorageFailure.DiskFull or StorageFailure.ReadOnly)
        {
            // The disk is full (or read-only): nothing can be recorded, but the password was checked against what is
            // stored, so people can still sign in and read. Failures are not counted meanwhile; the in-memory
            // throttle per address still slows guessing.
            return ok
                ? new LoginResult(LoginOutcome.Success, row.ToUser(), SessionStamp: Stamp(row.PasswordHash, row.Role))
                : new LoginResult(LoginOutcome.InvalidCredentials, null);
        }
    }

    private Task<LoginResult> RecordLoginAsync(UserRow row, bool ok, string? address, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async unit =>
        {
            if (ok)
            {
                await unit.Connection.ExecuteAsync("UPDATE users SET failed_logins = 0, locked_until_us = NULL WHERE id = @id", new { id = row.Id }, unit.Transaction).ConfigureAwait(false);
                await audit.WriteAsync(unit, row.Name, "login.success", $"user:{row.Name}", null, address).ConfigureAwait(false);
                return new LoginResult(LoginOutcome.Success, row.ToUser(), SessionStamp: Stamp(row.PasswordHash, row.Role));
            }

            var failures = await unit.Connection.ExecuteScalarAsync<long>(
                "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = @id RETURNING failed_logins", new { id = row.Id }, unit.Transaction).ConfigureAwait(false);
            DateTimeOffset? lockedUntil = null;
            if (failures >= _lockout.MaxFailures)
            {
                lockedUntil = now + _lockout.Duration;
                await unit.Connection.ExecuteAsync("UPDATE users SET failed_logins = 0, locked_until_us = @until WHERE id = @id",
                    new { id = row.Id, until = Time.ToMicros(lockedUntil.Value) }, unit.Transaction).ConfigureAwait(false);
                await audit.WriteAsync(unit, row.Name, "login.lockout", $"user:{row.Name}", string.Create(CultureInfo.InvariantCulture, $"{failures} failures"), address).ConfigureAwait(false);
            }

            await audit.WriteAsync(unit, row.Name, "login.failed", $"user:{row.Name}", "wrong password", address).ConfigureAwait(false);
            return new LoginResult(lockedUntil is null ? LoginOutcome.InvalidCredentials : LoginOutcome.LockedOut, null, lockedUntil);
        }, cancellationToken);

    /// <summary>Creates an API bearer token for a user; returns the token once (only its hash is kept).</summary>
    public Task<Result<string>> CreateTokenAsync(string userName, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var id = await unit.Connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE lower(name) = lower(@userName) AND disabled = 0", new { userName }, unit.Transaction).ConfigureAwait(false);
            if (id is null)
            {
                return Problem.NotFound($"No active user named '{userName}'.");
            }

            var token = TokenHasher.NewToken();
            await unit.Connection.ExecuteAsync("INSERT INTO api_tokens (user_id, token_hash, created_at_us) VALUES (@id, @hash, @at)",
                new { id, hash = TokenHasher.Hash(token), at = Time.ToMicros(time.GetUtcNow()) }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "token.create", $"user:{userName}").ConfigureAwait(false);
            return Result<string>.Ok(token);
        }, cancellationToken);

    /// <summary>
    /// A short fingerprint of what a signed-in session relies on: the password (its hash) and the role. Null when the
    /// account no longer exists or is disabled. A session whose stamp no longer matches is closed by the web host.
    /// </summary>
    public Task<string?> SessionStampAsync(string name, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            var row = await c.QuerySingleOrDefaultAsync<UserRow>(
                $"SELECT {UserColumns} FROM users WHERE lower(name) = lower(@name)",
                new { name }).ConfigureAwait(false);
            return row is null || row.Disabled != 0 ? null : Stamp(row.PasswordHash, row.Role);
        }, cancellationToken);

    private static string Stamp(string passwordHash, string role) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passwordHash + "|" + role)))[..20];

    /// <summary>Revokes every active API token of a user (a leaked token, a departure); returns how many.</summary>
    public Task<Result<int>> RevokeTokensAsync(string userName, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var id = await unit.Connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE lower(name) = lower(@userName)", new { userName }, unit.Transaction).ConfigureAwait(false);
            if (id is null)
            {
                return Problem.NotFound($"No user named '{userName}'.");
            }

            var count = await unit.Connection.ExecuteAsync("UPDATE api_tokens SET revoked_at_us = @at WHERE user_id = @id AND revoked_at_us IS NULL",
                new { id, at = Time.ToMicros(time.GetUtcNow()) }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "token.revoke", $"user:{userName}", string.Create(CultureInfo.InvariantCulture, $"{count} token(s)")).ConfigureAwait(false);
            return Result<int>.Ok(count);
        }, cancellationToken);

    /// <summary>Revokes one API token, given the token itself (only its hash is stored); returns its user's name.</summary>
    public Task<Result<string>> RevokeTokenAsync(string token, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var hash = TokenHasher.Hash(token);
            var owner = await unit.Connection.ExecuteScalarAsync<string?>(
                "SELECT u.name FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @hash AND t.revoked_at_us IS NULL",
                new { hash }, unit.Transaction).ConfigureAwait(false);
            if (owner is null)
            {
                return Problem.NotFound("No active token matches (unknown, mistyped or already revoked).");
            }

            await unit.Connection.ExecuteAsync("UPDATE api_tokens SET revoked_at_us = @at WHERE token_hash = @hash",
                new { hash, at = Time.ToMicros(time.GetUtcNow()) }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "token.revoke", $"user:{owner}", "1 token(s)").ConfigureAwait(false);
            return Result<string>.Ok(owner);
        }, cancellationToken);

    /// <summary>Sets a new password (forgotten, or given away) and lifts a lockout; audited, never journaled.</summary>
    public async Task<Result<User>> SetPasswordAsync(string userName, string password, string actor, CancellationToken cancellationToken = default)
    {
        if (ValidatePassword(password) is { } problem)
        {
            return problem;
        }

        var hash = PasswordHasher.Hash(password, Iterations);
        return await database.WriteAsync<Result<User>>(async unit =>
        {
            var changed = await unit.Connection.ExecuteAsync(
                "UPDATE users SET password_hash = @hash, failed_logins = 0, locked_until_us = NULL WHERE lower(name) = lower(@userName)",
                new { userName, hash }, unit.Transaction).ConfigureAwait(false);
            if (changed == 0)
            {
                return Problem.NotFound($"No user named '{userName}'.");
            }

            await audit.WriteAsync(unit, actor, "user.password", $"user:{userName}").ConfigureAwait(false);
            var row = await unit.Connection.QuerySingleAsync<UserRow>(
                $"SELECT {UserColumns} FROM users WHERE lower(name) = lower(@userName)",
                new { userName }, unit.Transaction).ConfigureAwait(false);
            return row.ToUser();
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<User?> FindByTokenAsync(string token, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
            (await c.QuerySingleOrDefaultAsync<UserRow>(
                $"SELECT u.id AS Id, u.name AS Name, u.display_name AS DisplayName, u.role AS Role, u.disabled AS Disabled, u.password_hash AS PasswordHash, u.failed_logins AS FailedLogins, u.locked_until_us AS LockedUntilUs " +
                "FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @hash AND t.revoked_at_us IS NULL AND u.disabled = 0",
                new { hash = TokenHasher.Hash(token) }).ConfigureAwait(false))?.ToUser(),
            cancellationToken);

    /// <summary>
    /// While no account exists, makes a fresh one-time set-up token (replacing older ones) for creating the
    /// first administrator. Returns null when accounts exist.
    /// </summary>
    public Task<string?> CreateSetupTokenAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            if (await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users", transaction: unit.Transaction).ConfigureAwait(false) > 0)
            {
                return null;
            }

            var token = TokenHasher.NewToken("setup_");
            await unit.Connection.ExecuteAsync("DELETE FROM setup_tokens; INSERT INTO setup_tokens (token_hash, created_at_us) VALUES (@hash, @at)",
                new { hash = TokenHasher.Hash(token), at = Time.ToMicros(time.GetUtcNow()) }, unit.Transaction).ConfigureAwait(false);
            return token;
        }, cancellationToken);

    public Task<bool> IsSetupTokenValidAsync(string? token, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(token)
            ? Task.FromResult(false)
            : database.ReadAsync(async c =>
                await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM setup_tokens WHERE token_hash = @hash AND NOT EXISTS (SELECT 1 FROM users)",
                    new { hash = TokenHasher.Hash(token) }).ConfigureAwait(false) > 0, cancellationToken);

    /// <summary>Creates the first administrator with a valid set-up token, then burns every set-up token.</summary>
    public async Task<Result<User>> CompleteSetupAsync(string token, string name, string? displayName, string password, string? address, CancellationToken cancellationToken = default)
    {
        if ((ValidateName(name) ?? ValidatePassword(password)) is { } problem)
        {
            return problem;
        }

        var hash = PasswordHasher.Hash(password, Iterations);
        return await database.WriteAsync(async unit =>
        {
            var valid = await unit.Connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM setup_tokens WHERE token_hash = @hash AND NOT EXISTS (SELECT 1 FROM users)",
                new { hash = TokenHasher.Hash(token) }, unit.Transaction).ConfigureAwait(false);
            if (valid == 0)
            {
                return Problem.Forbidden("This set-up link is no longer valid.");
            }

            await unit.Connection.ExecuteAsync("DELETE FROM setup_tokens", transaction: unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, name, "setup.complete", $"user:{name}", null, address).ConfigureAwait(false);
            return await CreateUserAsync(unit, name, displayName, UserRole.Admin, hash, name).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private sealed class UserRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
        public long Disabled { get; set; }
        public string PasswordHash { get; set; } = "";
        public long FailedLogins { get; set; }
        public long? LockedUntilUs { get; set; }

        public User ToUser() => new(Id, Name, DisplayName, WireName<UserRole>.Parse(Role), Disabled != 0);
    }
}
