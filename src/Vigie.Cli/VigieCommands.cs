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
    /// <summary>Each command's name and how to build it.</summary>
    public static readonly IReadOnlyList<(string Name, Func<Command> Create)> Factories =
    [
        ("serve", ServeCommand.Create),
        ("admin", AdminCommand.Create),
        ("journal", JournalCommand.Create),
        ("backup", BackupCommand.Create),
        ("restore", RestoreCommand.Create),
        ("evtx", EvtxCommand.Create),
        ("rules", Rules.RulesCommand.Create),
        ("hunt", HuntCommand.Create),
        ("deadlines", Deadlines.DeadlinesCommand.CreateDeadlines),
        ("checklists", Deadlines.DeadlinesCommand.CreateChecklists),
        ("report", Deadlines.ReportCommand.Create),
        ("exercise", Exercise.ExerciseCommand.Create),
    ];

    public static IEnumerable<Command> All() => Factories.Select(f => f.Create());

    /// <summary>
    /// The commands to build for <paramref name="args"/>: only the one named first when it is one (building every
    /// command parses the exercise scenarios shipped with Vigie, among others: about a tenth of a second at each start,
    /// which a one-file `vigie evtx dump` or a hunt pays for nothing), otherwise all of them (help, version, a typo).
    /// </summary>
    public static IEnumerable<Command> For(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && Factories.FirstOrDefault(f => f.Name == args[0]) is { Create: not null } named
            ? [named.Create()]
            : All();
    }
}
