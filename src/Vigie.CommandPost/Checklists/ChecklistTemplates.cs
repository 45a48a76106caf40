using System.Globalization;
using System.Text;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;

namespace Vigie.CommandPost.Checklists;

/// <summary>The templates in force and the files that could not be used (with why).</summary>
public sealed record ChecklistTemplates(IReadOnlyList<ChecklistTemplate> Templates, IReadOnlyList<string> Warnings)
{
    public ChecklistTemplate? Find(string id) => Templates.FirstOrDefault(t => t.Id == id);

    /// <summary>
    /// The template that fits <paramref name="incident"/> best among <paramref name="available"/>: the one whose keyword
    /// comes first in the incident's title ("Vol de données …" → data theft), then one suggested for its kind (a cyber incident →
    /// ransomware), then the first; null when none is available. Accents and case do not matter.
    /// </summary>
    public static ChecklistTemplate? Suggest(IReadOnlyList<ChecklistTemplate> available, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(incident);
        var title = Fold(incident.Title);
        var kind = WireName<IncidentKind>.Of(incident.Kind);
        ChecklistTemplate? byTitle = null;
        var earliest = int.MaxValue;
        foreach (var template in available)
        {
            foreach (var keyword in template.Keywords ?? [])
            {
                var word = Fold(keyword);
                var at = word.Length == 0 ? -1 : title.IndexOf(word, StringComparison.Ordinal);
                if (at >= 0 && at < earliest)
                {
                    (byTitle, earliest) = (template, at);
                }
            }
        }

        return byTitle
            ?? available.FirstOrDefault(t => (t.SuggestedFor ?? []).Contains(kind, StringComparer.Ordinal))
            ?? available.FirstOrDefault();
    }

    private static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
