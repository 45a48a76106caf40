using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests;

/// <summary>The real vigie executable: admin, journal and backup commands on a fresh SQLite database.</summary>
public sealed class CommandPostCommandsTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigie-cli-" + Guid.NewGuid().ToString("N")[..10]);

    private string DatabaseFile => Path.Combine(_folder, "vigie-data", "vigie.db");

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

    private async Task<long> IncidentWithEntriesAsync(int entries)
    {
        await using var services = CommandPostHost.Open(DatabaseSettings.Resolve(null, _folder));
        await services.GetRequiredService<Database>().MigrateAsync();
        var journal = services.GetRequiredService<JournalService>();
        var incidents = services.GetRequiredService<IncidentService>();
        var id = (await incidents.CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directeur")).Value.Id;
        for (var i = 0; i < entries; i++)
        {
            await journal.AppendAsync(id, "scribe", new NewJournalEntry(JournalKind.Fait, $"fait {i}"));
        }

        return id;
    }

    [Fact]
    public async Task Help_ListsTheCommandPostCommands()
    {
        var help = await VigieCli.RunAsync(_folder, null, "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "serve", "admin", "journal", "backup" })
        {
            Assert.Contains(command, help.Output, StringComparison.Ordinal);
        }

        var serveHelp = await VigieCli.RunAsync(_folder, null, "serve", "--help");
        Assert.Contains("--urls", serveHelp.Output, StringComparison.Ordinal);
        Assert.Contains("--database", serveHelp.Output, StringComparison.Ordinal);
        Assert.Contains("--https", serveHelp.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUser_ReadsThePasswordFromStdin_AndCreateTokenPrintsOnlyTheToken()
    {
        var created = await VigieCli.RunAsync(_folder, "correct horse battery staple\n", "admin", "create-user", "--name", "alice", "--role", "directeur");
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("created user alice (directeur)", created.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("password:", created.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(DatabaseFile));

        var token = await VigieCli.RunAsync(_folder, null, "admin", "create-token", "--user", "alice");
        Assert.Equal(0, token.ExitCode);
        Assert.Matches("^vigie_[A-Za-z0-9_-]{43}\n$", token.Output);

        var duplicate = await VigieCli.RunAsync(_folder, "correct horse battery staple\n", "admin", "create-user", "--name", "alice", "--role", "membre");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("already exists", duplicate.Error, StringComparison.Ordinal);
        var badRole = await VigieCli.RunAsync(_folder, "correct horse battery staple\n", "admin", "create-user", "--name", "bob", "--role", "chef");
        Assert.Equal(1, badRole.ExitCode);
        Assert.Contains("role", badRole.Error, StringComparison.Ordinal);
        var nobody = await VigieCli.RunAsync(_folder, null, "admin", "create-token", "--user", "nobody");
        Assert.NotEqual(0, nobody.ExitCode);
        Assert.Equal("", nobody.Output);
    }

    [Fact]
    public async Task Admin_RevokesTokens_AndSetsANewPassword()
    {
        Assert.Equal(0, (await VigieCli.RunAsync(_folder, "correct horse battery staple\n", "admin", "create-user", "--name", "alice", "--role", "membre")).ExitCode);
        var first = (await VigieCli.RunAsync(_folder, null, "admin", "create-token", "--user", "alice")).Output.Trim();
        var second = (await VigieCli.RunAsync(_folder, null, "admin", "create-token", "--user", "alice")).Output.Trim();
        var third = (await VigieCli.RunAsync(_folder, null, "admin", "create-token", "--user", "alice")).Output.Trim();

        var one = await VigieCli.RunAsync(_folder, null, "admin", "revoke-token", "--token", first);
        Assert.Equal((0, "revoked 1 token of alice\n"), (one.ExitCode, one.Output));
        Assert.Equal(1, (await VigieCli.RunAsync(_folder, null, "admin", "revoke-token", "--token", first)).ExitCode); // already revoked
        Assert.NotEqual(0, (await VigieCli.RunAsync(_folder, null, "admin", "revoke-token")).ExitCode); // neither option
        await using (var services = CommandPostHost.Open(DatabaseSettings.Resolve(null, _folder)))
        {
            var accounts = services.GetRequiredService<AccountService>();
            Assert.Null(await accounts.FindByTokenAsync(first));
            Assert.NotNull(await accounts.FindByTokenAsync(second));
        }

        var all = await VigieCli.RunAsync(_folder, null, "admin", "revoke-token", "--user", "alice");
        Assert.Equal((0, "revoked 2 token(s) of alice\n"), (all.ExitCode, all.Output));
        await using (var services = CommandPostHost.Open(DatabaseSettings.Resolve(null, _folder)))
        {
            var accounts = services.GetRequiredService<AccountService>();
            Assert.Null(await accounts.FindByTokenAsync(second));
            Assert.Null(await accounts.FindByTokenAsync(third));

            var reset = await VigieCli.RunAsync(_folder, "a brand new passphrase\n", "admin", "set-password", "--name", "alice");
            Assert.Equal((0, "new password set for alice\n"), (reset.ExitCode, reset.Output));
            Assert.Equal(LoginOutcome.Success, (await accounts.LoginAsync("alice", "a brand new passphrase", null)).Outcome);
            Assert.NotEqual(LoginOutcome.Success, (await accounts.LoginAsync("alice", "correct horse battery staple", null)).Outcome);
        }

        var tooShort = await VigieCli.RunAsync(_folder, "short\n", "admin", "set-password", "--name", "alice");
        Assert.Equal(1, tooShort.ExitCode);
        Assert.Contains("password", tooShort.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await VigieCli.RunAsync(_folder, "a brand new passphrase\n", "admin", "set-password", "--name", "nobody")).ExitCode);
    }

    [Fact]
    public async Task JournalVerify_ExitsZeroWhenIntact_AndNamesTheFirstBrokenSeqOtherwise()
    {
        var id = await IncidentWithEntriesAsync(5);
        var intact = await VigieCli.RunAsync(_folder, null, "journal", "verify", "--incident", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("intact, 6 entries", intact.Output, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection($"Data Source={DatabaseFile}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP TRIGGER journal_entries_no_update; UPDATE journal_entries SET author = 'mallory' WHERE incident_id = {id} AND seq = 4";
            await command.ExecuteNonQueryAsync();
        }

        var broken = await VigieCli.RunAsync(_folder, null, "journal", "verify", "--incident", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("first broken seq: 4", broken.Output, StringComparison.Ordinal);

        var missing = await VigieCli.RunAsync(_folder, null, "journal", "verify", "--incident", "999");
        Assert.Equal(3, missing.ExitCode);
    }

    [Fact]
    public async Task Backup_WritesACompleteDatabaseWhoseJournalVerifies()
    {
        var id = await IncidentWithEntriesAsync(20);
        var target = Path.Combine(_folder, "backups", "vigie-backup.db");
        var backup = await VigieCli.RunAsync(_folder, null, "backup", "--out", target);
        Assert.Equal(0, backup.ExitCode);
        Assert.True(File.Exists(target));

        var again = await VigieCli.RunAsync(_folder, null, "backup", "--out", target);
        Assert.Equal(1, again.ExitCode);

        var verify = await VigieCli.RunAsync(_folder, null, "journal", "verify", "--incident", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--database", target);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("intact, 21 entries", verify.Output, StringComparison.Ordinal);
    }
}
