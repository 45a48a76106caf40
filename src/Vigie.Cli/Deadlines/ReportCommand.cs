using System.CommandLine;
using System.Globalization;
using Vigie.Cli.Shared;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Reports.Pdf;

namespace Vigie.Cli.Deadlines;

/// <summary><c>vigie report pdf</c>: the post-incident report (RETEX) as a PDF, straight from the database (no server needed).</summary>
internal static class ReportCommand
{
    public const int NotFoundExitCode = 3;

    public static Command Create()
    {
        var command = new Command("report", "The post-incident report (RETEX).");
        var incident = new Option<long>("--incident") { Description = "Incident id.", Required = true };
        var lang = new Option<string>("--lang") { Description = "fr (default) or en.", DefaultValueFactory = _ => "fr" };
        lang.AcceptOnlyFromAmong("fr", "en");
        var output = new Option<string?>("--output", "-o") { Description = "PDF file to write (default: retex-incident-N.pdf in the current folder)." };
        var zone = new Option<string>("--time-zone") { Description = "Time zone of the times in the report.", DefaultValueFactory = _ => "Europe/Paris" };
        var database = CommonOptions.Database();
        var pdf = new Command("pdf", $"Write the report as a PDF. Exit {NotFoundExitCode} when the incident does not exist.") { incident, lang, output, zone, database };
        pdf.SetAction((result, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var id = result.GetValue(incident);
            await using var context = await CliContext.OpenAsync(result.GetValue(database), cancellationToken, result.GetValue(zone));
            var reports = context.Get<ReportService>();
            var report = await reports.BuildAsync(id, CultureInfo.GetCultureInfo(result.GetValue(lang) == "en" ? "en-GB" : "fr-FR"), CliContext.Actor, cancellationToken);
            if (report is null)
            {
                await Console.Error.WriteLineAsync($"vigie: incident {id} does not exist");
                return NotFoundExitCode;
            }

            var path = result.GetValue(output) ?? string.Create(CultureInfo.InvariantCulture, $"retex-incident-{id}.pdf");
            await File.WriteAllBytesAsync(path, ReportPdfWriter.Render(report), cancellationToken);
            await reports.AuditAsync(id, CliContext.Actor, "pdf", cancellationToken);
            Console.WriteLine($"{path}: RETEX of incident {id} ({report.Sections.Count} sections, journal {report.Integrity.Entries} entries, {(report.Integrity.Valid ? "intact" : "BROKEN")})");
            return 0;
        }));
        command.Subcommands.Add(pdf);
        return command;
    }
}
