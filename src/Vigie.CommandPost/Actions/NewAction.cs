namespace Vigie.CommandPost.Actions;

public sealed record NewAction(string Title, string Owner, DateTimeOffset? DueAt);
