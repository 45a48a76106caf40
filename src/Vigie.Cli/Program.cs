using System.CommandLine;
using Vigie.Cli;
using Vigie.Cli.Shared;

if (BatchProcess.Tuning(args) is { } tuning)
{
    return BatchProcess.Relaunch(args, tuning);
}

var root = new RootCommand("Vigie: cyber-crisis command post and Windows event log hunt for hospitals.");
VersionText.Attach(root);
foreach (var command in VigieCommands.For(args))
{
    root.Subcommands.Add(command);
}

try
{
    // No stack trace in front of a user, whatever the command: an exception a command did not handle becomes one line.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return CliErrors.Report(e);
}
