namespace Vigie.CommandPost.Accounts;

/// <summary>
/// How sign-in failures slow a guesser without letting a stranger lock somebody else out. Three counters, each with
/// the same back-off once it reaches its threshold (<see cref="FirstDelay"/>, doubling with every further failure, at
/// most <see cref="MaxDelay"/>): failures of one account from one address (<see cref="PerAccountAndAddress"/>), of one
/// account from anywhere (<see cref="PerAccount"/>, which does not hold back an address the account signed in from in
/// the last <see cref="TrustedFor"/>), and from one address on any account (<see cref="PerAddress"/>). A held-back attempt
/// is refused like a wrong password and not counted; a success clears the counters; they are forgotten after
/// <see cref="ForgetAfter"/> without a failure; an administrator can clear them (unlock).
/// </summary>
public sealed record LockoutPolicy
{
    public int PerAccountAndAddress { get; init; } = 5;

    public int PerAccount { get; init; } = 20;

    public int PerAddress { get; init; } = 30;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan TrustedFor { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The delay after <paramref name="failures"/> failures of a counter whose threshold is <paramref name="threshold"/>.</summary>
    public TimeSpan Delay(long failures, int threshold)
    {
        var doublings = (int)Math.Clamp(failures - threshold, 0, 30);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
