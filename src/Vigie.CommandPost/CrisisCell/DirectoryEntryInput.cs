namespace Vigie.CommandPost.CrisisCell;

public sealed record DirectoryEntryInput(string Name, string Function, string? Organisation, string Phone, string? PhoneAlt, string? OnCall, string? Notes);
