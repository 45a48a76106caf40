namespace Vigie.CommandPost.Accounts;

/// <summary>An API token as administrators see it (never the token itself: only its hash is kept).</summary>
public sealed record ApiTokenInfo(long Id, string UserName, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
