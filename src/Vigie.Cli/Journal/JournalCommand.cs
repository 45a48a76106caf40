using System.CommandLine;
using Vigie.Cli.Shared;

namespace Vigie.Cli.Journal;

/// <summary><c>vigie journal</c>: checks on the main courante.</summary>
internal static class JournalCommand
{
    public const int BrokenExitCode = 2;
    public const int NotFoundExitCode = 3;

    public static Command Create()
    {
        var command = new Command("journal", "Work with an incident's journal (main courante).");
        var incident = new Option<long>("--incident") { Description = "Incident id.", Required = true };
        var database = CommonOptions.Database();
        var verify = new Command("verify", $"Check the hash chain. Exit 0 when intact; {BrokenExitCode} and the first broken seq otherwise; {NotFoundExitCode} when the incident does not exist.")
        {
            incident, database,
        };
        verify.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var id = result.GetValue(incident);
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken);
            var verification = await context.Journal.VerifyAsync(id, cancellationToken);
            if (verification is null)
            {
                await Console.Error.WriteLineAsync($"vigie: incident {id} does not exist");
                return NotFoundExitCode;
            }

            if (verification.Valid)
            {
                Console.WriteLine($"incident {id}: journal intact, {verification.Entries} entries, head {verification.HeadHash}");
                return 0;
            }

            Console.WriteLine($"incident {id}: journal BROKEN at seq {verification.FirstBrokenSeq}: {verification.Reason}");
            Console.WriteLine($"first broken seq: {verification.FirstBrokenSeq}");
            return BrokenExitCode;
        }));
        command.Subcommands.Add(verify);
        return command;
    }
}
