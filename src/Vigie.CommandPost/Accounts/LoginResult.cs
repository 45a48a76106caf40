namespace Vigie.CommandPost.Accounts;

/// <summary>A sign-in attempt's outcome; on success, the user and the id of the server-side session just opened.</summary>
public sealed record LoginResult(LoginOutcome Outcome, User? User, string? SessionId = null);
