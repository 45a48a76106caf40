namespace Vigie.Cli.Shared;

/// <summary>
/// Turns a failure no command handled into one line on standard error and an exit code, never a stack trace
/// (<c>VIGIE_TRACE=1</c> prints the details). <c>vigie</c> adds what is wrong with its database (<c>CliErrors</c>);
/// <c>vigie-batch</c>, which has none, uses this alone.
/// </summary>
internal static class CommandErrors
{
    public const int Failed = 1;
    public const int Interrupted = 130;

    /// <summary>Writes the one line for <paramref name="e"/> (worded by <paramref name="describe"/>) and returns the exit code.</summary>
    public static int Report(Exception e, Func<Exception, string> describe)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(describe);
        if (e is OperationCanceledException)
        {
            Console.Error.WriteLine("vigie: interrupted.");
            return Interrupted;
        }

        Console.Error.WriteLine("vigie: " + describe(Unwrap(e)));
        if (Environment.GetEnvironmentVariable("VIGIE_TRACE") == "1")
        {
            Console.Error.WriteLine(e.ToString());
        }

        return Failed;
    }

    /// <summary>What went wrong, in one line, for failures that are not the database's.</summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e = Unwrap(e);
        var message = OneLine(e.Message);
        return e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException or FormatException
            ? message
            : $"unexpected error: {message} (nothing more was done; run again with VIGIE_TRACE=1 for the details, and please report it)";
    }

    /// <summary>The one failure inside an aggregate of one.</summary>
    public static Exception Unwrap(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            e = aggregate.InnerExceptions[0];
        }

        return e;
    }

    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
