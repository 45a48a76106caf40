using System.Text.RegularExpressions;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Incidents;

namespace Vigie.CommandPost.Checklists;

/// <summary>Reads one checklist template (YAML, see Templates/ransomware.yaml) and checks it; errors name the file, the item and the field.</summary>
public static partial class ChecklistTemplateReader
{
    public const int MaxItems = 200;

    public static Result<ChecklistTemplate> Read(string yaml, string origin)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var file = YamlData.Read<FileDto>(yaml, origin);
        if (!file.IsOk)
        {
            return file.Problem;
        }

        var dto = file.Value;
        if (dto.Id is null || !Id().IsMatch(dto.Id))
        {
            return Problem.Invalid("file", ProblemCode.FileIdInvalid, origin, dto.Id);
        }

        if (string.IsNullOrWhiteSpace(dto.Name))
        {
            return Problem.Invalid("file", ProblemCode.FileFieldRequired, $"{origin}: name");
        }

        var sections = new List<TemplateSection>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in dto.Sections ?? [])
        {
            var items = new List<TemplateItem>();
            foreach (var item in section.Items ?? [])
            {
                if (item.Id is null || !Id().IsMatch(item.Id))
                {
                    return Problem.Invalid("file", ProblemCode.ChecklistItemIdInvalid, origin, item.Id);
                }

                if (!ids.Add(item.Id))
                {
                    return Problem.Invalid("file", ProblemCode.FileIdUsedTwice, origin, item.Id);
                }

                if (string.IsNullOrWhiteSpace(item.Text) || item.Text.Length > Limits.ShortTextMaxLength)
                {
                    return Problem.Invalid("file", ProblemCode.ChecklistItemTextRequired, origin, item.Id, Limits.ShortTextMaxLength);
                }

                items.Add(new TemplateItem(item.Id, item.Text.Trim(), Or(item.TextEn, item.Text), Blank(item.Hint), Blank(item.HintEn) ?? Blank(item.Hint)));
            }

            if (items.Count == 0)
            {
                return Problem.Invalid("file", ProblemCode.ChecklistSectionEmpty, origin, section.Title);
            }

            sections.Add(new TemplateSection(Blank(section.Title), Blank(section.TitleEn) ?? Blank(section.Title), items));
        }

        var count = sections.Sum(s => s.Items.Count);
        if (count == 0 || count > MaxItems)
        {
            return Problem.Invalid("file", ProblemCode.ChecklistItemCount, origin, MaxItems, count);
        }

        foreach (var kind in dto.SuggestedFor ?? [])
        {
            if (!WireName<IncidentKind>.TryParse(kind, out _))
            {
                return Problem.Invalid("file", ProblemCode.ChecklistSuggestedForUnknown, origin, kind, string.Join(", ", WireName<IncidentKind>.All));
            }
        }

        return new ChecklistTemplate(dto.Id, dto.Name.Trim(), Or(dto.NameEn, dto.Name), Blank(dto.Description), Blank(dto.DescriptionEn) ?? Blank(dto.Description), sections, origin,
            dto.SuggestedFor ?? [], (dto.Keywords ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList());
    }

    /// <summary>Whether the file only removes the shipped template of the same id (<c>disabled: true</c>).</summary>
    public static string? DisabledId(string yaml)
    {
        var file = YamlData.Read<FileDto>(yaml, "");
        return file.IsOk && file.Value.Disabled ? file.Value.Id : null;
    }

    private static string Or(string? english, string? french) => (string.IsNullOrWhiteSpace(english) ? french : english)!.Trim();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9_]{1,50}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Id();

#pragma warning disable CA1812, CA2227, CA1002
    private sealed class FileDto
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? Description { get; set; }
        public string? DescriptionEn { get; set; }
        public bool Disabled { get; set; }
        public List<string>? SuggestedFor { get; set; }
        public List<string>? Keywords { get; set; }
        public List<SectionDto>? Sections { get; set; }
    }

    private sealed class SectionDto
    {
        public string? Title { get; set; }
        public string? TitleEn { get; set; }
        public List<ItemDto>? Items { get; set; }
    }

    private sealed class ItemDto
    {
        public string? Id { get; set; }
        public string? Text { get; set; }
        public string? TextEn { get; set; }
        public string? Hint { get; set; }
        public string? HintEn { get; set; }
    }
#pragma warning restore CA1812, CA2227, CA1002
}
