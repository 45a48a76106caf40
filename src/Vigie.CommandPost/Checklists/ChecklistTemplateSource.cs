using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;

namespace Vigie.CommandPost.Checklists;

/// <summary>
/// The templates in force: the shipped ones (ransomware, data theft, telephony outage), then the hospital's
/// <c>checklists/*.yaml</c> beside the database (same id: replaces; <c>disabled: true</c>: removes; new id: adds).
/// The folder is read again when a file changes. A file that does not read is skipped and reported.
/// </summary>
public sealed class ChecklistTemplateSource(DataFolder data)
{
    public const string FolderName = "checklists";
    private const string ResourcePrefix = "checklists/";
    private readonly Lock _gate = new();
    private ChecklistTemplates? _current;
    private string? _stamp;

    public static IReadOnlyList<(string Name, string Text)> ShippedFiles() =>
        typeof(ChecklistTemplateSource).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[ResourcePrefix.Length..], YamlData.ReadResource(n)))
            .ToList();

    public ChecklistTemplates Current
    {
        get
        {
            lock (_gate)
            {
                var folder = data.Combine(FolderName);
                var files = folder is not null && Directory.Exists(folder)
                    ? Directory.GetFiles(folder, "*.yaml").Concat(Directory.GetFiles(folder, "*.yml")).Order(StringComparer.Ordinal).ToList()
                    : [];
                var stamp = string.Join('|', files.Select(f => $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}"));
                if (_current is not null && stamp == _stamp)
                {
                    return _current;
                }

                var templates = new List<ChecklistTemplate>();
                var warnings = new List<string>();
                foreach (var (name, text) in ShippedFiles())
                {
                    var read = ChecklistTemplateReader.Read(text, $"shipped {name}");
                    templates.Add(read.IsOk ? read.Value : throw new InvalidOperationException(read.Problem.Message));
                }

                foreach (var file in files)
                {
                    string text;
                    try
                    {
                        text = File.ReadAllText(file);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        warnings.Add($"{file} could not be read: {e.Message}");
                        continue;
                    }

                    if (ChecklistTemplateReader.DisabledId(text) is { } removed)
                    {
                        templates.RemoveAll(t => t.Id == removed);
                        continue;
                    }

                    var read = ChecklistTemplateReader.Read(text, file);
                    if (!read.IsOk)
                    {
                        warnings.Add(read.Problem.Message);
                        continue;
                    }

                    var index = templates.FindIndex(t => t.Id == read.Value.Id);
                    if (index >= 0)
                    {
                        templates[index] = read.Value;
                    }
                    else
                    {
                        templates.Add(read.Value);
                    }
                }

                _stamp = stamp;
                return _current = new ChecklistTemplates(templates, warnings);
            }
        }
    }
}
