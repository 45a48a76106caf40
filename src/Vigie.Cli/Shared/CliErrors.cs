using Vigie.CommandPost.Backups;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Shared;

/// <summary>
/// Turns every failure of a command into one line on standard error and an exit code, never a stack trace
/// (<see cref="CommandErrors"/>): storage failures say what is wrong with the database or its folder (read-only, full,
/// damaged, not reachable), environment failures give their message, and anything else is an unexpected error
/// (VIGIE_TRACE=1 prints the details).
/// </summary>
internal static class CliErrors
{
    public const int Failed = CommandErrors.Failed;
    public const int Interrupted = CommandErrors.Interrupted;

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>Writes the one line for <paramref name="e"/> and returns the exit code.</summary>
    public static int Report(Exception e) => CommandErrors.Report(e, Describe);

    /// <summary>What went wrong, in one line (no newline, no stack trace).</summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e = CommandErrors.Unwrap(e);
        var message = CommandErrors.OneLine(e.Message);
        return e is DatabaseUnavailableException
            ? message
            : Database.Classify(e) switch
            {
                StorageFailure.DiskFull => $"the disk is full: nothing could be written ({message})",
                StorageFailure.ReadOnly => $"the database or its folder is read-only: nothing could be written ({message})",
                StorageFailure.Damaged => $"the database file is damaged or is not a Vigie database: restore the last good copy with vigie restore ({message})",
                StorageFailure.Unreachable => $"the database is not available: {message}",
                _ when e is BackupException => message,
                _ => CommandErrors.Describe(e),
            };
    }
}
