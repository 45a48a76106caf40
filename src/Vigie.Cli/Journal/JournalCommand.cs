using System.CommandLine;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Journal.Evidence;

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
        var verify = new Command("verify", $"Check the hash chain and every attached file (present, matching its SHA-256). Exit 0 when intact; {BrokenExitCode} and the first broken seq otherwise; {NotFoundExitCode} when the incident does not exist.")
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
                Console.WriteLine($"incident {id}: journal intact, {verification.Entries} entries, {verification.FilesChecked} attached files checked, head {verification.HeadHash}");
                return 0;
            }

            Console.WriteLine($"incident {id}: journal BROKEN at seq {verification.FirstBrokenSeq}: {verification.Reason}");
            foreach (var fault in verification.FileFaults)
            {
                Console.WriteLine($"seq {fault.Seq}: attached file '{fault.FileName}' (SHA-256 {fault.Sha256}) {(fault.State == EvidenceState.Missing ? "MISSING" : "ALTERED")}");
            }

            Console.WriteLine($"first broken seq: {verification.FirstBrokenSeq}");
            return BrokenExitCode;
        }));
        command.Subcommands.Add(verify);
        return command;
    }
}
