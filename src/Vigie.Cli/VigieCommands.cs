using System.CommandLine;
using Vigie.Cli.Admin;
using Vigie.Cli.Backup;
using Vigie.Cli.Evtx;
using Vigie.Cli.Hunt;
using Vigie.Cli.Journal;
using Vigie.Cli.Serve;

namespace Vigie.Cli;

/// <summary>The top-level commands of the <c>vigie</c> executable; each feature adds its own here (one folder per family).</summary>
internal static class VigieCommands
{
    public static IEnumerable<Command> All()
    {
        yield return ServeCommand.Create();
        yield return AdminCommand.Create();
        yield return JournalCommand.Create();
        yield return BackupCommand.Create();
        yield return RestoreCommand.Create();
        yield return EvtxCommand.Create();
        yield return Rules.RulesCommand.Create();
        yield return HuntCommand.Create();
        yield return Deadlines.DeadlinesCommand.CreateDeadlines();
        yield return Deadlines.DeadlinesCommand.CreateChecklists();
        yield return Deadlines.ReportCommand.Create();
        yield return Exercise.ExerciseCommand.Create();
    }
}
