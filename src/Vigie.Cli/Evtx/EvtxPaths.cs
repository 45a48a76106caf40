namespace Vigie.Cli.Evtx;

/// <summary>Expands the FILE|DIR arguments: files as given, directories searched recursively for *.evtx.</summary>
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
                if (found.Count == 0)
                {
                    error.WriteLine($"vigie evtx: no .evtx file under {argument}");
                }

                files.AddRange(found);
            }
            else if (File.Exists(argument))
            {
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
}
