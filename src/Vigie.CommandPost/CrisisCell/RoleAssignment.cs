namespace Vigie.CommandPost.CrisisCell;

/// <summary>Who holds a role of an incident's cell since when; each handover is a new assignment and a journal entry.</summary>
public sealed record RoleAssignment(long Id, long IncidentId, string RoleKey, string Person, DateTimeOffset AssignedAt, string AssignedBy, long JournalSeq);
