namespace Vigie.CommandPost.Accounts;

public sealed record User(long Id, string Name, string DisplayName, UserRole Role, bool Disabled);
