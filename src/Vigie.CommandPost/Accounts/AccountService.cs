using System.Globalization;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Accounts;

/// <summary>
/// Local accounts only (the hospital's directory may be compromised): users, sign-in with back-off, server-side
/// sessions, API tokens, first set-up, and what administrators do to accounts (the partial files by concern).
/// </summary>
public sealed partial class AccountService(Database database, AuditLog audit, TimeProvider time, LockoutPolicy? lockout = null)
{
    private const string UserColumns = "id AS Id, name AS Name, display_name AS DisplayName, role AS Role, disabled AS Disabled, password_hash AS PasswordHash, failed_logins AS FailedLogins, locked_until_us AS LockedUntilUs";
    private readonly SignInBackoff _backoff = new(lockout ?? new LockoutPolicy());
    private string? _dummyHash;
    private long _keyDerivations;

    /// <summary>Password hashing cost; tests lower it. Never below 100,000 outside tests.</summary>
    internal int Iterations { get; set; } = PasswordHasher.DefaultIterations;

    /// <summary>Password checks made by sign-in so far: every attempt makes exactly one, whatever its outcome (tests read it).</summary>
    internal long KeyDerivations => Interlocked.Read(ref _keyDerivations);

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
                return Problem.Invalid("name", ProblemCode.UserNameInvalid);
            }
        }

        return null;
    }

    /// <summary>The <see cref="PasswordPolicy"/> for an account of that name: null when acceptable, else why not (field "password").</summary>
    public static Problem? ValidatePassword(string? password, string? name = null, string? displayName = null) =>
        PasswordPolicy.Check(password, name, displayName) is { } weakness ? Problem.Invalid("password", Code(weakness), PasswordPolicy.MinLength, PasswordPolicy.MaxLength) : null;

    /// <summary>The problem code of a <see cref="PasswordWeakness"/> (its arguments: the minimum and maximum lengths).</summary>
    public static ProblemCode Code(PasswordWeakness weakness) => weakness switch
    {
        PasswordWeakness.TooShort => ProblemCode.PasswordTooShort,
        PasswordWeakness.TooLong => ProblemCode.PasswordTooLong,
        PasswordWeakness.ContainsName => ProblemCode.PasswordContainsName,
        PasswordWeakness.Repetitive => ProblemCode.PasswordRepetitive,
        PasswordWeakness.Sequential => ProblemCode.PasswordSequential,
        _ => ProblemCode.PasswordCommon,
    };

    public Task<bool> AnyUserAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c => await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users").ConfigureAwait(false) > 0, cancellationToken);

    public async Task<Result<User>> CreateUserAsync(string name, string? displayName, UserRole role, string password, string actor, CancellationToken cancellationToken = default)
    {
        if ((ValidateName(name) ?? ValidatePassword(password, name, displayName) ?? Limits.Text("displayName", displayName, Limits.NameMaxLength, required: false)) is { } problem)
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
            return Problem.Conflict("name", ProblemCode.UserNameTaken, name);
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

    /// <summary>
    /// Checks a password and, when it is right, opens a server-side session. Every attempt costs one password check
    /// and one write, and every failure gives the same answer (unknown name, disabled account, wrong password, attempts
    /// held back by <see cref="LockoutPolicy"/>), so neither the answer nor its time tells a stranger anything; the audit
    /// trail says which it was.
    /// </summary>
    public async Task<LoginResult> LoginAsync(string name, string password, string? address, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var (nameKey, addressKey) = SignInBackoff.Subjects(name, address);
        var (row, heldBack) = await database.ReadAsync(async c => (
            await c.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE lower(name) = lower(@name)", new { name }).ConfigureAwait(false),
            await _backoff.HeldBackAsync(c, nameKey, addressKey, now).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

        // The check runs whatever the account's state, against a hash of the same cost when there is no account.
        var right = VerifyPassword(password, row?.PasswordHash ?? DummyHash());
        var ok = right && row is { Disabled: 0 } && heldBack is null;
        try
        {
            return await RecordLoginAsync(name, row, right, ok, heldBack, nameKey, addressKey, address, now, cancellationToken).ConfigureAwait(false);
        }
        catch (DatabaseUnavailableException e) when (e.Failure is StorageFailure.DiskFull or StorageFailure.ReadOnly)
        {
            // The disk is full (or read-only): nothing can be recorded, but the password was checked against what is
            // stored, so people can still sign in and read. The session lives in memory until the server stops;
            // failures are not counted meanwhile (the in-memory throttle per address still slows guessing).
            return ok
                ? new LoginResult(LoginOutcome.Success, row!.ToUser(), OpenUnrecordedSession(row!.Id, now))
                : new LoginResult(LoginOutcome.InvalidCredentials, null);
        }
    }

    private Task<LoginResult> RecordLoginAsync(string name, UserRow? row, bool right, bool ok, string? heldBack, string nameKey, string addressKey,
        string? address, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async unit =>
        {
            if (ok)
            {
                await _backoff.SucceededAsync(unit, nameKey, addressKey, now).ConfigureAwait(false);
                var session = await CreateSessionAsync(unit, row!.Id, address, now).ConfigureAwait(false);
                await audit.WriteAsync(unit, row.Name, "login.success", $"user:{row.Name}", null, address).ConfigureAwait(false);
                return new LoginResult(LoginOutcome.Success, row.ToUser(), session);
            }

            // The name as typed, bounded: a stranger's 4 MB "name" must not land in the audit trail ten times a minute.
            var typed = name.Length > 100 ? name[..100] + "…" : name;
            var target = $"user:{row?.Name ?? typed}";
            if (heldBack is not null)
            {
                // Not counted: a held-back guesser cannot lengthen anybody else's hold.
                await audit.WriteAsync(unit, typed, "login.throttled", target, right ? heldBack + "; the password was right" : heldBack, address).ConfigureAwait(false);
                return new LoginResult(LoginOutcome.InvalidCredentials, null);
            }

            if (await _backoff.FailedAsync(unit, nameKey, addressKey, now).ConfigureAwait(false) is { } blocked)
            {
                await audit.WriteAsync(unit, typed, "login.lockout", target, blocked, address).ConfigureAwait(false);
            }

            await audit.WriteAsync(unit, typed, "login.failed", target, row is null ? "unknown account" : row.Disabled != 0 ? "disabled account" : "wrong password", address).ConfigureAwait(false);
            return new LoginResult(LoginOutcome.InvalidCredentials, null);
        }, cancellationToken);

    private bool VerifyPassword(string password, string hash)
    {
        Interlocked.Increment(ref _keyDerivations);
        return PasswordHasher.Verify(password, hash);
    }

    /// <summary>A hash of a random password at the current cost, to check unknown names against (made once).</summary>
    private string DummyHash() => _dummyHash ??= PasswordHasher.Hash(PasswordHasher.Generate(), Iterations);

    /// <summary>Creates an API bearer token for a user, valid for the default 30 days; returns the token once (only its hash is kept).</summary>
    public Task<Result<string>> CreateTokenAsync(string userName, string actor, CancellationToken cancellationToken = default) =>
        CreateTokenAsync(userName, null, DefaultTokenLifetime, actor, cancellationToken);

    /// <summary>Revokes every active API token of a user (a leaked token, a departure); returns how many.</summary>
    public Task<Result<int>> RevokeTokensAsync(string userName, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async unit =>
        {
            var id = await unit.Connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE lower(name) = lower(@userName)", new { userName }, unit.Transaction).ConfigureAwait(false);
            if (id is null)
            {
                return Problem.NotFound(ProblemCode.UserNotFound, userName);
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
                return Problem.NotFound(ProblemCode.TokenNoMatch);
            }

            await unit.Connection.ExecuteAsync("UPDATE api_tokens SET revoked_at_us = @at WHERE token_hash = @hash",
                new { hash, at = Time.ToMicros(time.GetUtcNow()) }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "token.revoke", $"user:{owner}", "1 token(s)").ConfigureAwait(false);
            return Result<string>.Ok(owner);
        }, cancellationToken);

    /// <summary>Sets a new password (forgotten, or given away), closes the account's sessions at once and lifts its holds; audited, never journaled.</summary>
    public async Task<Result<User>> SetPasswordAsync(string userName, string password, string actor, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(userName, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return Problem.NotFound(ProblemCode.UserNotFound, userName);
        }

        if (ValidatePassword(password, user.Name, user.DisplayName) is { } problem)
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
                return Problem.NotFound(ProblemCode.UserNotFound, userName);
            }

            // Whoever had the old password is signed out now, and the account's holds are lifted.
            var closed = await RevokeSessionsAsync(unit, user.Id).ConfigureAwait(false);
            await SignInBackoff.ClearAsync(unit, user.Name).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "user.password", $"user:{userName}", SessionsClosed(closed)).ConfigureAwait(false);
            var row = await unit.Connection.QuerySingleAsync<UserRow>(
                $"SELECT {UserColumns} FROM users WHERE lower(name) = lower(@userName)",
                new { userName }, unit.Transaction).ConfigureAwait(false);
            return row.ToUser();
        }, cancellationToken).ConfigureAwait(false);
    }


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
        if ((ValidateName(name) ?? ValidatePassword(password, name, displayName)) is { } problem)
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
                return Problem.Forbidden(ProblemCode.SetupLinkInvalid);
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
