namespace Vigie.CommandPost.Accounts;

public sealed record LoginResult(LoginOutcome Outcome, User? User, DateTimeOffset? LockedUntil = null);
