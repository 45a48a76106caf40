namespace Vigie.Hunt;

/// <summary>
/// Expands the hunt's PATH arguments: directories are searched recursively for .evtx files and for JSON
/// event files (.json, .jsonl, .ndjson, .log whose first character opens a JSON object); a file named
/// directly is read as EVTX when it starts with the EVTX signature, as JSON when it looks like JSON. Only
/// regular files are read: a FIFO named like a log would make the hunt wait forever for a writer.
/// </summary>
public static class HuntInputs
{
    private static readonly string[] s_jsonExtensions = [".json", ".jsonl", ".ndjson", ".log"];

    /// <summary>The inputs, in a stable order (ordinal path order within each directory), and one message per argument that gave nothing.</summary>
    public static (List<HuntInput> Inputs, List<string> Problems) Expand(IEnumerable<string> arguments)
    {
        var inputs = new List<HuntInput>();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                var before = inputs.Count;
                var files = Directory.EnumerateFiles(argument, "*", new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    IgnoreInaccessible = true,
                    AttributesToSkip = FileAttributes.ReparsePoint,
                }).Order(StringComparer.Ordinal);
                var skipped = 0;
                foreach (var file in files)
                {
                    var extension = Path.GetExtension(file);
                    var evtx = extension.Equals(".evtx", StringComparison.OrdinalIgnoreCase);
                    if (!evtx && !s_jsonExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (!Sources.RegularFile.Is(file))
                    {
                        problems.Add($"{file}: not a regular file (a pipe, socket or device), not read");
                        skipped++;
                    }
                    else if (evtx)
                    {
                        Add(inputs, seen, file, HuntInputKind.Evtx);
                    }
                    else if (Sources.JsonEventFileReader.LooksLikeJson(file))
                    {
                        Add(inputs, seen, file, HuntInputKind.JsonLines);
                    }
                }

                if (inputs.Count == before && skipped == 0)
                {
                    problems.Add($"{argument}: no .evtx or JSON event file in this directory");
                }
            }
            else if (File.Exists(argument))
            {
                if (!Sources.RegularFile.Is(argument))
                {
                    problems.Add($"{argument}: not a regular file (a pipe, socket or device), not read");
                }
                else if (IsEvtx(argument) || Path.GetExtension(argument).Equals(".evtx", StringComparison.OrdinalIgnoreCase))
                {
                    Add(inputs, seen, argument, HuntInputKind.Evtx);
                }
                else if (Sources.JsonEventFileReader.LooksLikeJson(argument))
                {
                    Add(inputs, seen, argument, HuntInputKind.JsonLines);
                }
                else
                {
                    problems.Add($"{argument}: neither an EVTX file nor JSON events");
                }
            }
            else
            {
                problems.Add($"{argument}: no such file or directory");
            }
        }

        return (inputs, problems);
    }

    private static void Add(List<HuntInput> inputs, HashSet<string> seen, string path, HuntInputKind kind)
    {
        if (!seen.Add(Path.GetFullPath(path)))
        {
            return;
        }

        long length;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            length = 0;
        }

        inputs.Add(new HuntInput(path, kind, length));
    }

    private static bool IsEvtx(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> head = stackalloc byte[8];
            return stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual("ElfFile\0"u8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
