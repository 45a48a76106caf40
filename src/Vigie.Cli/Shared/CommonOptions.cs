using System.CommandLine;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Shared;

/// <summary>Options several command families share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Database() => new("--database")
    {
        Description = "SQLite file or Npgsql connection string (Host=...;Database=...;Username=...). " +
                      $"Default: ${DatabaseSettings.EnvironmentVariable}, else ./{DatabaseSettings.DefaultDataFolder}/{DatabaseSettings.DefaultFileName}.",
    };

    public static DatabaseSettings Resolve(string? database) => DatabaseSettings.Resolve(database, Environment.CurrentDirectory);
}
