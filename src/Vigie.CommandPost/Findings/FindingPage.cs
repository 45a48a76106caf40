namespace Vigie.CommandPost.Findings;

/// <summary>One page of findings in time order; <see cref="Next"/> is the cursor of the following page (null at the end).</summary>
public sealed record FindingPage(IReadOnlyList<Finding> Items, string? Next);
