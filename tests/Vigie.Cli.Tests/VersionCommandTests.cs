namespace Vigie.Cli.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public void RepositoryRoot_IsFoundAboveTheTestBinaries()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "Vigie.slnx")));
    }
}
