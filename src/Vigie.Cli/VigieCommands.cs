using System.CommandLine;

namespace Vigie.Cli;

/// <summary>The top-level commands of the <c>vigie</c> executable; each feature adds its own here.</summary>
internal static class VigieCommands
{
    public static IEnumerable<Command> All()
    {
        yield return Evtx.EvtxCommand.Create();
    }
}
