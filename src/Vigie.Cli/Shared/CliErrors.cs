using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Shared;

/// <summary>Runs a command body and turns environment failures into one clear line and exit code 1.</summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is DatabaseUnavailableException or ArgumentException or IOException or UnauthorizedAccessException || Database.IsUnavailable(e))
        {
            await Console.Error.WriteLineAsync($"vigie: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
