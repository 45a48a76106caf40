using System.CommandLine;
using Vigie.Cli.Evtx;
using Vigie.Cli.Hunt;
using Vigie.Cli.Shared;

// vigie evtx and vigie hunt, compiled ahead of time: the same commands as in vigie (Vigie.Cli.Batch), without the
// command post. vigie runs this executable for them when it finds it beside itself.
var root = new RootCommand("vigie-batch: vigie evtx and vigie hunt compiled ahead of time (vigie runs it for these commands).");
root.Subcommands.Add(EvtxCommand.Create());
root.Subcommands.Add(HuntCommand.Create());
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e)
{
    return CommandErrors.Report(e, CommandErrors.Describe);
}
