using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Accounts;

/// <summary>
/// API tokens with a name and an expiry (30 days unless chosen at creation, from one hour to a year), listed and
/// revoked by administrators. A revoked or expired token, or one whose account is disabled, stops working at once:
/// each API request looks its token up (no cache, for the same reasons as sessions).
/// </summary>
public sealed partial class AccountService
{
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan MinTokenLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(366);

    /// <summary>A token's last use is written at most this often (one write), not on every request.</summary>
    private static readonly TimeSpan s_tokenUseRecording = TimeSpan.FromHours(1);

    /// <summary>Creates a named API bearer token for a user, valid for <paramref name="lifetime"/>; returns the token once.</summary>
    public Task<Result<string>> CreateTokenAsync(string userName, string? tokenName, TimeSpan lifetime, string actor, CancellationToken cancellationToken = default)
    {
        if (lifetime < MinTokenLifetime || lifetime > MaxTokenLifetime)
        {
            return Task.FromResult<Result<string>>(Problem.Invalid("expiresInDays", ProblemCode.TokenLifetimeOutOfRange));
        }

        if (Limits.Text("tokenName", tokenName, 80, required: false) is { } problem)
        {
            return Task.FromResult<Result<string>>(problem);
        }

        return database.WriteAsync<Result<string>>(async unit =>
        {
            var id = await unit.Connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE lower(name) = lower(@userName) AND disabled = 0", new { userName }, unit.Transaction).ConfigureAwait(false);
            if (id is null)
            {
                return Problem.NotFound(ProblemCode.ActiveUserNotFound, userName);
            }

            var now = time.GetUtcNow();
            var name = string.IsNullOrWhiteSpace(tokenName) ? now.ToString("'token-'yyyyMMdd'-'HHmm", CultureInfo.InvariantCulture) : tokenName.Trim();
            var token = TokenHasher.NewToken();
            await unit.Connection.ExecuteAsync(
                "INSERT INTO api_tokens (user_id, token_hash, created_at_us, name, expires_at_us) VALUES (@id, @hash, @at, @name, @until)",
                new { id, hash = TokenHasher.Hash(token), at = Time.ToMicros(now), name, until = Time.ToMicros(now + lifetime) }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "token.create", $"user:{userName}",
                string.Create(CultureInfo.InvariantCulture, $"{name}, expires {now + lifetime:O}")).ConfigureAwait(false);
            return Result<string>.Ok(token);
        }, cancellationToken);
    }

    /// <summary>The user a bearer token acts as: null when unknown, revoked, expired, or its account is disabled.</summary>
    public async Task<User?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var row = await database.ReadAsync(c => c.QuerySingleOrDefaultAsync<TokenUserRow>(
            "SELECT t.id AS TokenId, t.last_used_at_us AS LastUsedAtUs, u.id AS Id, u.name AS Name, u.display_name AS DisplayName, u.role AS Role " +
            "FROM api_tokens t JOIN users u ON u.id = t.user_id " +
            "WHERE t.token_hash = @hash AND t.revoked_at_us IS NULL AND (t.expires_at_us IS NULL OR t.expires_at_us > @now) AND u.disabled = 0",
            new { hash = TokenHasher.Hash(token), now = Time.ToMicros(now) }), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        if (row.LastUsedAtUs is null || row.LastUsedAtUs < Time.ToMicros(now - s_tokenUseRecording))
        {
            await database.WriteAsync(unit => unit.Connection.ExecuteAsync("UPDATE api_tokens SET last_used_at_us = @now WHERE id = @id",
                new { id = row.TokenId, now = Time.ToMicros(now) }, unit.Transaction), cancellationToken).ConfigureAwait(false);
        }

        return new User(row.Id, row.Name, row.DisplayName, WireName<UserRole>.Parse(row.Role), false);
    }

    /// <summary>Every token (of one user when named), newest first, revoked and expired ones included.</summary>
    public Task<IReadOnlyList<ApiTokenInfo>> ListTokensAsync(string? userName = null, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ApiTokenInfo>>(async c =>
            (await c.QueryAsync<TokenRow>(
                "SELECT t.id AS Id, u.name AS UserName, t.name AS Name, t.created_at_us AS CreatedAtUs, t.expires_at_us AS ExpiresAtUs, " +
                "t.revoked_at_us AS RevokedAtUs, t.last_used_at_us AS LastUsedAtUs FROM api_tokens t JOIN users u ON u.id = t.user_id " +
                "WHERE @userName IS NULL OR lower(u.name) = lower(@userName) ORDER BY t.id DESC",
                new { userName }).ConfigureAwait(false)).Select(r => r.ToInfo()).ToList(), cancellationToken);

    /// <summary>Revokes one token by its id (as listed); returns its user's name.</summary>
    public Task<Result<string>> RevokeTokenAsync(long tokenId, string actor, CancellationToken cancellationToken = default) =>
        database.WriteAsync<Result<string>>(async unit =>
        {
            var owner = await unit.Connection.QuerySingleOrDefaultAsync<(string Name, string? TokenName)>(
                "SELECT u.name AS Name, t.name AS TokenName FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = @tokenId AND t.revoked_at_us IS NULL",
                new { tokenId }, unit.Transaction).ConfigureAwait(false);
            if (owner.Name is null)
            {
                return Problem.NotFound(ProblemCode.TokenNotFound, tokenId);
            }

            await unit.Connection.ExecuteAsync("UPDATE api_tokens SET revoked_at_us = @at WHERE id = @tokenId",
                new { tokenId, at = Time.ToMicros(time.GetUtcNow()) }, unit.Transaction).ConfigureAwait(false);
            await audit.WriteAsync(unit, actor, "token.revoke", $"user:{owner.Name}", $"1 token(s): {owner.TokenName}").ConfigureAwait(false);
            return owner.Name;
        }, cancellationToken);

    private sealed class TokenUserRow
    {
        public long TokenId { get; set; }
        public long? LastUsedAtUs { get; set; }
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string Role { get; set; } = "";
    }

    private sealed class TokenRow
    {
        public long Id { get; set; }
        public string UserName { get; set; } = "";
        public string? Name { get; set; }
        public long CreatedAtUs { get; set; }
        public long? ExpiresAtUs { get; set; }
        public long? RevokedAtUs { get; set; }
        public long? LastUsedAtUs { get; set; }

        public ApiTokenInfo ToInfo() => new(Id, UserName, Name ?? "—", Time.FromMicros(CreatedAtUs),
            ExpiresAtUs is { } e ? Time.FromMicros(e) : null, RevokedAtUs is { } r ? Time.FromMicros(r) : null, LastUsedAtUs is { } u ? Time.FromMicros(u) : null);
    }
}
