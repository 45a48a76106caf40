using System.CommandLine;

namespace Vigie.Cli.Evtx;

/// <summary><c>vigie evtx</c>: read Windows event log files (dump, info).</summary>
internal static class EvtxCommand
{
    public static Command Create()
    {
        var command = new Command("evtx", "Read Windows event log files (.evtx): dump their records, describe their state.");
        command.Subcommands.Add(EvtxDumpCommand.Create());
        command.Subcommands.Add(EvtxInfoCommand.Create());
        return command;
    }
}
