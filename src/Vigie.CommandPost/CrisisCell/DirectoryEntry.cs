namespace Vigie.CommandPost.CrisisCell;

/// <summary>A line of the crisis directory (annuaire de crise): who to call when nothing else works.</summary>
public sealed record DirectoryEntry(long Id, string Name, string Function, string? Organisation, string Phone, string? PhoneAlt, string? OnCall, string? Notes, DateTimeOffset UpdatedAt);
