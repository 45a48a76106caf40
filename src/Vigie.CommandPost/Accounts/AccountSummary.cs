namespace Vigie.CommandPost.Accounts;

/// <summary>An account as administrators see it: whether sign-in attempts are being held back, how many sessions are open.</summary>
public sealed record AccountSummary(User User, bool HeldBack, int OpenSessions);
