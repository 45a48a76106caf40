namespace Vigie.Cli.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public void RepositoryRoot_IsFoundAboveTheTestBinaries()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "Vigie.slnx")));
    }

    [Fact]
    public async Task Version_NamesTheLicenceAndTheRulesAttribution()
    {
        var folder = Directory.CreateTempSubdirectory("vigie-version-").FullName;
        try
        {
            var run = await Vigie.Web.Testing.VigieCli.RunAsync(folder, null, "--version");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("Apache License 2.0", run.Output, StringComparison.Ordinal);
            Assert.Contains("NOTICE", run.Output, StringComparison.Ordinal);
            Assert.Contains("Detection Rule License", run.Output, StringComparison.Ordinal);
            Assert.Contains("author", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
