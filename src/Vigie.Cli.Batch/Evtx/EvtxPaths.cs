using Vigie.Evtx;

namespace Vigie.Cli.Evtx;

/// <summary>
/// Expands the FILE|DIR arguments: files as given, directories searched recursively for *.evtx. Only regular
/// files are read: a FIFO, a device or a socket given by name is refused (reading it could wait forever), and
/// one met in a directory is skipped; both are reported.
/// </summary>
internal static class EvtxPaths
{
    public static List<string> Expand(IEnumerable<string> arguments, TextWriter error, out bool missing)
    {
        var files = new List<string>();
        missing = false;
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                var found = Directory.EnumerateFiles(argument, "*", new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    IgnoreInaccessible = true,
                    MatchCasing = MatchCasing.CaseInsensitive,
                    AttributesToSkip = FileAttributes.ReparsePoint,
                })
                    .Where(f => f.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var regular = 0;
                foreach (var file in found)
                {
                    if (EvtxFile.NotRegularFile(file) is { } kind)
                    {
                        error.WriteLine($"vigie evtx: skipped {file}: not a regular file ({kind})");
                        continue;
                    }

                    files.Add(file);
                    regular++;
                }

                if (regular == 0)
                {
                    error.WriteLine($"vigie evtx: no .evtx file under {argument}");
                }
            }
            else if (File.Exists(argument))
            {
                if (EvtxFile.NotRegularFile(argument) is { } kind)
                {
                    error.WriteLine($"vigie evtx: {argument}: not a regular file ({kind}); only regular files are read");
                    missing = true;
                    continue;
                }

                files.Add(argument);
            }
            else
            {
                error.WriteLine($"vigie evtx: {argument}: no such file or directory");
                missing = true;
            }
        }

        return files;
    }

    /// <summary>
    /// Opens the output: standard output, or a file created or truncated, or a device such as /dev/null. It
    /// is opened shared, so several runs may write to the same device at once (an exclusive lock made the
    /// second run fail).
    /// </summary>
    public static Stream OpenOutput(string? path) =>
        path is null
            ? Console.OpenStandardOutput()
            : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
}
