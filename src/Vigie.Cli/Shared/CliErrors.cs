using Vigie.CommandPost.Backups;
using Vigie.CommandPost.Storage;

namespace Vigie.Cli.Shared;

/// <summary>
/// Turns every failure of a command into one line on standard error and an exit code, never a stack trace: storage
/// failures say what is wrong with the database or its folder (read-only, full, damaged, not reachable), environment
/// failures give their message, and anything else is an unexpected error (VIGIE_TRACE=1 prints the details).
/// </summary>
internal static class CliErrors
{
    public const int Failed = 1;
    public const int Interrupted = 130;

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
    public static int Report(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is OperationCanceledException)
        {
            Console.Error.WriteLine("vigie: interrupted.");
            return Interrupted;
        }

        Console.Error.WriteLine("vigie: " + Describe(e));
        if (Environment.GetEnvironmentVariable("VIGIE_TRACE") == "1")
        {
            Console.Error.WriteLine(e.ToString());
        }

        return Failed;
    }

    /// <summary>What went wrong, in one line (no newline, no stack trace).</summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            e = aggregate.InnerExceptions[0];
        }

        var message = OneLine(e.Message);
        return e is DatabaseUnavailableException
            ? message
            : Database.Classify(e) switch
            {
                StorageFailure.DiskFull => $"the disk is full: nothing could be written ({message})",
                StorageFailure.ReadOnly => $"the database or its folder is read-only: nothing could be written ({message})",
                StorageFailure.Damaged => $"the database file is damaged or is not a Vigie database: restore the last good copy with vigie restore ({message})",
                StorageFailure.Unreachable => $"the database is not available: {message}",
                _ when e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or FormatException or BackupException => message,
                _ => $"unexpected error: {message} (nothing more was done; run again with VIGIE_TRACE=1 for the details, and please report it)",
            };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
