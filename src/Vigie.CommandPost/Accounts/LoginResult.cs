namespace Vigie.CommandPost.Accounts;

/// <summary>A sign-in attempt's outcome; on success, the user and the session stamp of the row just checked.</summary>
public sealed record LoginResult(LoginOutcome Outcome, User? User, DateTimeOffset? LockedUntil = null, string? SessionStamp = null);
