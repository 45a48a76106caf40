using System.Collections.Concurrent;
using Vigie.CommandPost.Accounts;

namespace Vigie.Web.Auth;

/// <summary>
/// Bearer tokens already checked, kept 30 seconds, so a busy API client costs one database lookup per half
/// minute instead of one per request. Keyed by the token's SHA-256, never the token itself.
/// </summary>
internal sealed class TokenCache(TimeProvider time)
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (User User, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string tokenHash, out User user)
    {
        if (_entries.TryGetValue(tokenHash, out var entry) && entry.Until > time.GetUtcNow())
        {
            user = entry.User;
            return true;
        }

        user = null!;
        return false;
    }

    public void Add(string tokenHash, User user)
    {
        if (_entries.Count > 10_000)
        {
            _entries.Clear();
        }

        _entries[tokenHash] = (user, time.GetUtcNow() + s_lifetime);
    }
}
