using Vigie.Cli.Shared;

namespace Vigie.Cli.Tests.Hunt;

/// <summary>The runtime settings `vigie hunt` and `vigie evtx` relaunch themselves with (see BatchProcess's measurements).</summary>
public sealed class BatchProcessTests
{
    [Fact]
    public void Hunt_RunsWithoutTiering_OnTheWorkstationCollector_KeepingItsHeapCompact_UnlessTheUserChose()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is not null, "DOTNET_TieredCompilation is set here: the hunt runs in-process");
        var tuning = BatchProcess.Tuning(["hunt", "logs", "--rules", "rules"]);
        Assert.NotNull(tuning);
        Assert.Equal("0", tuning["DOTNET_TieredCompilation"]);
        if (Environment.GetEnvironmentVariable("DOTNET_gcServer") is null)
        {
            Assert.Equal("0", tuning["DOTNET_gcServer"]);
        }

        if (Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") is null)
        {
            Assert.Equal("9", tuning["DOTNET_GCConserveMemory"]);
        }
        else
        {
            Assert.False(tuning.ContainsKey("DOTNET_GCConserveMemory"));
        }
    }

    [Fact]
    public void Evtx_RunsWithoutTiering_UnlessTheUserChose()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is not null || Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is not null,
            "tiering is set here: evtx runs in-process");
        var tuning = BatchProcess.Tuning(["evtx", "dump", "file.evtx"]);
        Assert.NotNull(tuning);
        Assert.Equal("0", tuning["DOTNET_TieredCompilation"]);
    }

    [Fact]
    public void OnlyTheCommandNamedFirst_IsBuilt_EveryOneWhenNoneIsNamed()
    {
        foreach (var (name, create) in VigieCommands.Factories)
        {
            Assert.Equal(name, create().Name);
            Assert.Equal([name], VigieCommands.For([name, "--help"]).Select(c => c.Name));
        }

        var all = VigieCommands.Factories.Select(f => f.Name).ToList();
        Assert.Equal(all, VigieCommands.For([]).Select(c => c.Name));
        Assert.Equal(all, VigieCommands.For(["--help"]).Select(c => c.Name));
        Assert.Equal(all, VigieCommands.For(["evtxx", "dump"]).Select(c => c.Name));
    }

    [Fact]
    public void Help_AndOtherCommands_RunInProcess()
    {
        Assert.Null(BatchProcess.Tuning(["hunt", "--help"]));
        Assert.Null(BatchProcess.Tuning(["serve"]));
        Assert.Null(BatchProcess.Tuning([]));
    }
}
