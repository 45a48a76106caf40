using System.Globalization;
using Vigie.Sigma;

namespace Vigie.Cli.Rules;

/// <summary>
/// <c>vigie rules check</c>: loads Sigma rules as the hunt would and reports what loads and what does not.
/// Exit codes: 0 every rule loaded; 1 some rules (or files) were rejected; 2 the options were unusable.
/// </summary>
internal static class RulesCheck
{
    public const int AllLoaded = 0;
    public const int SomeRejected = 1;
    public const int BadOptions = 2;

    public static int Run(IReadOnlyList<string> paths, string? logsourcesFile, string? placeholdersFile, TextWriter output, TextWriter error)
    {
        var mapping = LogsourceMapping.Default;
        if (logsourcesFile is not null)
        {
            if (ReadFile(logsourcesFile, error) is not { } yaml)
            {
                return BadOptions;
            }

            if (mapping.Override(yaml, out var mappingError) is not { } overridden)
            {
                error.WriteLine($"{logsourcesFile}: {mappingError}");
                return BadOptions;
            }

            mapping = overridden;
        }

        IReadOnlyDictionary<string, IReadOnlyList<string>> placeholders = new Dictionary<string, IReadOnlyList<string>>();
        if (placeholdersFile is not null)
        {
            if (ReadFile(placeholdersFile, error) is not { } yaml)
            {
                return BadOptions;
            }

            if (SigmaPlaceholders.Parse(yaml, out var placeholderError) is not { } parsed)
            {
                error.WriteLine($"{placeholdersFile}: {placeholderError}");
                return BadOptions;
            }

            placeholders = parsed;
        }

        var started = TimeProvider.System.GetTimestamp();
        var builder = new SigmaRuleSetBuilder(new SigmaEngineOptions { Logsources = mapping, Placeholders = placeholders });
        foreach (var path in paths)
        {
            builder.AddPath(path);
        }

        var rules = builder.Build();
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        foreach (var rejection in rules.Rejections)
        {
            output.WriteLine(rejection.ToString());
        }

        var detections = rules.Rules.Count(r => r.Kind == SigmaRuleKind.Detection);
        var correlations = rules.Rules.Count - detections;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rules.Rules.Count} loaded ({detections} detection, {correlations} correlation), {rules.Rejections.Count} rejected, from {builder.FilesRead} files in {elapsed.TotalSeconds:F1} s"));
        return rules.Rejections.Count == 0 ? AllLoaded : SomeRejected;
    }

    private static string? ReadFile(string path, TextWriter error)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: {ex.Message}");
            return null;
        }
    }
}
