using Microsoft.Data.Sqlite;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Cli.Tests;

/// <summary>
/// Every command in broken storage conditions answers one line that says what is wrong, and never a stack trace
/// (issue 13, item 10): a read-only data folder (clean, or with the WAL files a killed server left), a file where the data
/// folder should be, a damaged database file, a PostgreSQL server that is not there.
/// </summary>
public sealed class BrokenStorageTests : IAsyncDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly string _folder = Directory.CreateTempSubdirectory("vigie-broken-").FullName;

    /// <summary>Every command that opens the database, with what it needs (stdin for the password prompts).</summary>
    private static IEnumerable<(string? Stdin, string[] Args)> Commands(string database, string scratch) =>
    [
        (null, ["serve", "--urls", "http://127.0.0.1:0", "--database", database]),
        (Password + "\n", ["admin", "create-user", "--name", "bob", "--role", "membre", "--database", database]),
        (null, ["admin", "create-token", "--user", "alice", "--database", database]),
        (null, ["admin", "revoke-token", "--user", "alice", "--database", database]),
        (Password + " 2\n", ["admin", "set-password", "--name", "alice", "--database", database]),
        (null, ["journal", "verify", "--incident", "1", "--database", database]),
        (null, ["report", "pdf", "--incident", "1", "--output", Path.Combine(scratch, "retex.pdf"), "--database", database]),
    ];

    private static void AssertOneLine(CliResult result, string because, params string[] mentions)
    {
        Assert.True(result.ExitCode != 0, $"{because}: exit code 0");
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"{because}: {lines.Length} lines on stderr:\n{result.Error}");
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("vigie", lines[0], StringComparison.Ordinal);
        foreach (var mention in mentions)
        {
            Assert.True(lines[0].Contains(mention, StringComparison.OrdinalIgnoreCase), $"{because}: '{mention}' not in: {lines[0]}");
        }
    }

    private async Task<string> CreateDataAsync(bool leaveWal)
    {
        var data = Path.Combine(_folder, "data");
        var database = Path.Combine(data, "vigie.db");
        Assert.Equal(0, (await VigieCli.RunAsync(_folder, Password + "\n", "admin", "create-user", "--name", "alice", "--role", "admin", "--database", database)).ExitCode);
        if (leaveWal)
        {
            await using var server = await VigieServerProcess.StartAsync(_folder, VigieServerProcess.FreePort(), "--database", database);
            await server.KillAsync(); // SIGKILL: the -wal and -shm files stay
            Assert.True(File.Exists(database + "-wal"), "a killed server leaves its WAL file");
        }

        return database;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryCommand_WhenTheDataFolderIsReadOnly_SaysSoInOneLine(bool leftoverWal)
    {
        var database = await CreateDataAsync(leftoverWal);
        await using var readOnly = await Mounts.ReadOnlyAsync(Path.GetDirectoryName(database)!);

        foreach (var (stdin, args) in Commands(database, _folder))
        {
            AssertOneLine(await VigieCli.RunAsync(_folder, stdin, args), string.Join(' ', args.Take(2)), "read-only", Path.GetDirectoryName(database)!);
        }
    }

    [Fact]
    public async Task EveryCommand_WhenTheDataFolderIsAFile_SaysSoInOneLine()
    {
        var file = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        var database = Path.Combine(file, "vigie.db");

        foreach (var (stdin, args) in Commands(database, _folder))
        {
            AssertOneLine(await VigieCli.RunAsync(_folder, stdin, args), string.Join(' ', args.Take(2)), "not a folder", file);
        }
    }

    [Fact]
    public async Task EveryCommand_WhenTheDatabaseFileIsDamaged_SaysSoAndPointsToRestore()
    {
        var database = await CreateDataAsync(leaveWal: false);
        SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(database);
        Random.Shared.NextBytes(bytes.AsSpan(0, 4096)); // the header and the first page
        await File.WriteAllBytesAsync(database, bytes);

        foreach (var (stdin, args) in Commands(database, _folder))
        {
            AssertOneLine(await VigieCli.RunAsync(_folder, stdin, args), string.Join(' ', args.Take(2)), "damaged", "vigie restore");
        }
    }

    [Fact]
    public async Task EveryCommand_WhenPostgreSqlIsNotThere_SaysSoInOneLine()
    {
        const string Nowhere = "Host=127.0.0.1;Port=1;Username=vigie;Database=vigie;Timeout=2";
        foreach (var (stdin, args) in Commands(Nowhere, _folder))
        {
            AssertOneLine(await VigieCli.RunAsync(_folder, stdin, args), string.Join(' ', args.Take(2)), "127.0.0.1:1");
        }
    }

    [Fact]
    public async Task EveryCommand_WhenItsOutputCannotBeWritten_SaysSoInOneLine()
    {
        var database = await CreateDataAsync(leaveWal: false);
        var file = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        Directory.CreateDirectory(Path.Combine(_folder, "logs"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "logs", "a.jsonl"), """{"EventTime":"2024-03-01T10:00:00Z","Hostname":"WS1","Channel":"Security","EventID":4688}""" + "\n");
        await File.WriteAllTextAsync(Path.Combine(_folder, "rule.yml"), "title: t\nlevel: high\nlogsource: {product: windows}\ndetection:\n  s: {EventID: 4688}\n  condition: s\n");

        AssertOneLine(await VigieCli.RunAsync(_folder, null, "hunt", "logs", "--rules", "rule.yml", "--output", Path.Combine(file, "t.csv"), "-q"), "hunt", file);
        AssertOneLine(await VigieCli.RunAsync(_folder, null, "backup", "--out", Path.Combine(file, "b.db"), "--database", database), "backup", file);
        AssertOneLine(await VigieCli.RunAsync(_folder, null, "report", "pdf", "--incident", "1", "--output", Path.Combine(file, "r.pdf"), "--database", database), "report");
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
