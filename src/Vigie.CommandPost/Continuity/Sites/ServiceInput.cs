namespace Vigie.CommandPost.Continuity.Sites;

/// <summary>What a person gives to add or rename a service. Category: clinique | si.</summary>
public sealed record ServiceInput(string? Name, string? Category, bool Emergency = false, int? Sort = null);
