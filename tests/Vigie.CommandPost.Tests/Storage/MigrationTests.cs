using Dapper;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.CommandPost.Tests.Storage;

public sealed class MigrationTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task Migrate_WhenRunTwiceAndConcurrently_AppliesEachScriptOnce(DatabaseKind kind)
    {
        await using var test = await TestDatabase.CreateAsync(kind);
        await using var a = new Database(test.Settings);
        await using var b = new Database(test.Settings);
        var results = await Task.WhenAll(a.MigrateAsync(), b.MigrateAsync());
        Assert.Equal(Migrator.Scripts(kind).Count, results.Sum(r => r.Count));
        Assert.Empty(await a.MigrateAsync());
        await using var connection = await a.OpenAsync();
        Assert.Equal(Migrator.Scripts(kind).Count, await Migrator.CountAsync(connection));
        Assert.Equal(8, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM crisis_roles"));
    }

    [Fact]
    public void Scripts_ExistForBothDialectsWithTheSameVersions()
    {
        Assert.Equal(Migrator.Scripts(DatabaseKind.Sqlite).Select(m => m.Name), Migrator.Scripts(DatabaseKind.PostgreSql).Select(m => m.Name));
    }

    [Fact]
    public async Task Sqlite_UsesWalAndFullSync()
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(DatabaseKind.Sqlite);
        await using var _ = test;
        await using var __ = database;
        var mode = await database.WriteAsync(async unit =>
            (await unit.Connection.ExecuteScalarAsync<string>("PRAGMA journal_mode", transaction: unit.Transaction),
             await unit.Connection.ExecuteScalarAsync<long>("PRAGMA synchronous", transaction: unit.Transaction)));
        Assert.Equal(("wal", 2L), mode); // 2 = FULL
    }

    [Fact]
    public void Settings_ResolveSqlitePathsAndPostgresConnectionStrings()
    {
        var cwd = Path.GetTempPath();
        Assert.Equal(Path.Combine(cwd, "vigie-data", "vigie.db"), DatabaseSettings.Resolve(null, cwd).SqliteFile);
        Assert.Equal(Path.Combine(cwd, "x.db"), DatabaseSettings.Resolve("x.db", cwd).SqliteFile);
        Assert.Equal(DatabaseKind.PostgreSql, DatabaseSettings.Resolve("Host=127.0.0.1;Database=vigie;Username=v", cwd).Kind);
        Assert.Throws<ArgumentException>(() => DatabaseSettings.Resolve("postgres://u@h/db", cwd));
    }
}
