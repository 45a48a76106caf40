namespace Vigie.Browser.Tests.Pages;

/// <summary>The page sweep loads a hundred pages with axe-core: it runs alone, so neither it nor the others wait on a starved CPU.</summary>
[CollectionDefinition(nameof(PageSweepTests), DisableParallelization = true)]
public sealed class PageSweepCollection;
