namespace Vigie.CommandPost.Accounts;

/// <summary>After <see cref="MaxFailures"/> failed sign-ins in a row an account is locked for <see cref="Duration"/>.</summary>
public sealed record LockoutPolicy(int MaxFailures = 5, TimeSpan? LockDuration = null)
{
    public TimeSpan Duration => LockDuration ?? TimeSpan.FromMinutes(5);
}
