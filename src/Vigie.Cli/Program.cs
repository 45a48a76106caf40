using System.CommandLine;
using Vigie.Cli;
using Vigie.Cli.Hunt;
using Vigie.Cli.Shared;

if (HuntProcess.ShouldRelaunch(args))
{
    return HuntProcess.Relaunch(args);
}

var root = new RootCommand("Vigie: cyber-crisis command post and Windows event log hunt for hospitals.");
VersionText.Attach(root);
foreach (var command in VigieCommands.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
