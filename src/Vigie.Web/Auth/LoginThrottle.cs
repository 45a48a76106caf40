using System.Collections.Concurrent;
using Vigie.CommandPost.Accounts;

namespace Vigie.Web.Auth;

/// <summary>
/// At most 10 sign-in attempts a minute from one client address (IPv6 by its /64, see <see cref="AddressKey"/>); the
/// sign-in handler asks before it checks a password and answers 429 when refused. Counting in the handler, not by
/// matching a path, counts every spelling of the route (/login, /login/, /Login...). In memory, per server: a flood
/// guard in front of <see cref="LockoutPolicy"/>, whose counters (per address, per account, per both) are in the
/// database. Nothing here is per account: a stranger could otherwise keep the director's name refused.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public const int PermitLimit = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Counter> _windows = new(StringComparer.Ordinal);

    /// <summary>Takes one attempt for this address; false (and how long to wait) when its minute is used up.</summary>
    public bool TryAcquire(string? address, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        if (_windows.Count > 10_000)
        {
            foreach (var (key, old) in _windows)
            {
                if (old.Start + Window <= now)
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }

        var counter = _windows.GetOrAdd(AddressKey.Of(address), _ => new Counter());
        lock (counter)
        {
            if (counter.Start + Window <= now)
            {
                (counter.Start, counter.Count) = (now, 0);
            }

            retryAfter = counter.Start + Window - now;
            return ++counter.Count <= PermitLimit;
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;
        public int Count { get; set; }
    }
}
