using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests.Deadlines;

/// <summary>The real vigie executable: export and check the editable data files, write the RETEX PDF from the database.</summary>
public sealed class DeadlinesCommandTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-cli-dl-" + Guid.NewGuid().ToString("N")[..10]);

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task DeadlinesExport_ThenCheck_ValidatesTheHospitalsEditedFile()
    {
        var file = Path.Combine(_folder, "deadlines.yaml");
        var export = await VigieCli.RunAsync(_folder, null, "deadlines", "export", "--output", file);
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("id: cnil", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Equal(1, (await VigieCli.RunAsync(_folder, null, "deadlines", "export", "--output", file)).ExitCode); // no overwrite without --force

        var ok = await VigieCli.RunAsync(_folder, null, "deadlines", "check", file);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("valid; with the shipped rules: 7 deadlines", ok.Output, StringComparison.Ordinal);
        Assert.Contains("cnil: Notification de violation de données personnelles (CNIL) — 72 h after breach_awareness, when personal_data", ok.Output, StringComparison.Ordinal);

        await File.WriteAllTextAsync(file, "deadlines:\n  - id: cnil\n    offset: bientôt\n");
        var bad = await VigieCli.RunAsync(_folder, null, "deadlines", "check", file);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("deadlines[cnil]", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChecklistsExport_ThenCheck()
    {
        var folder = Path.Combine(_folder, "checklists");
        var export = await VigieCli.RunAsync(_folder, null, "checklists", "export", "--output", folder);
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(["data-theft.yaml", "ransomware.yaml", "telephony-outage.yaml"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());

        var ok = await VigieCli.RunAsync(_folder, null, "checklists", "check", Path.Combine(folder, "ransomware.yaml"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("'ransomware' (Fiche réflexe rançongiciel), 13 items", ok.Output, StringComparison.Ordinal);
        var broken = Path.Combine(folder, "broken.yaml");
        await File.WriteAllTextAsync(broken, "id: x\nname: y\nsections: []\n");
        var bad = await VigieCli.RunAsync(_folder, null, "checklists", "check", broken);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("1 to 200 items", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPdf_WritesTheRetexFromTheDatabase()
    {
        var pdftotext = TestEnvironment.Tool("pdftotext");
        await using (var services = CommandPostHost.Open(DatabaseSettings.Resolve(null, _folder)))
        {
            await services.GetRequiredService<Database>().MigrateAsync();
            var incidents = services.GetRequiredService<IncidentService>();
            await incidents.CreateAsync(new NewIncident("Rançongiciel de février", IncidentKind.Cyber, DateTimeOffset.UtcNow.AddHours(-5)), "directeur");
        }

        var output = Path.Combine(_folder, "retex.pdf");
        var run = await VigieCli.RunAsync(_folder, null, "report", "pdf", "--incident", "1", "--lang", "en", "--output", output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("RETEX of incident 1", run.Output, StringComparison.Ordinal);
        var text = await Task.Run(() =>
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(pdftotext, ["-enc", "UTF-8", output, "-"]) { RedirectStandardOutput = true })!;
            var read = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return read;
        });
        Assert.Contains("Lessons learned (RETEX)", text, StringComparison.Ordinal);
        Assert.Contains("Rançongiciel de février", text, StringComparison.Ordinal);
        // Continuity of care contributes its sections (nothing on the board yet), not the "not recorded" placeholder.
        Assert.Contains("No service or IT system was marked degraded", text, StringComparison.Ordinal);
        Assert.Contains("No patient was recorded at the redirection desk.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("continuity-of-care module absent", text, StringComparison.Ordinal);

        Assert.Equal(3, (await VigieCli.RunAsync(_folder, null, "report", "pdf", "--incident", "42")).ExitCode);
    }
}
