namespace Vigie.CommandPost.Audit;

public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail, string? Address);
