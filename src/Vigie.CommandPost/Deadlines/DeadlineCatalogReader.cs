using System.Text.RegularExpressions;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// Reads deadlines YAML (see Data/deadlines.yaml for the format), merges a hospital's file over the shipped one
/// by id, and checks the result: every reference known, every duration and placeholder valid. Errors name the
/// entry and the field.
/// </summary>
public static partial class DeadlineCatalogReader
{
    // Largest lead time first: sorted by the instant each gives before a fixed reference.
    private static readonly DateTimeOffset s_reference = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string ShippedResource = "deadlines/deadlines.yaml";

    /// <summary>The shipped file's text (what `vigie deadlines export` writes).</summary>
    public static string ShippedText() => YamlData.ReadResource(ShippedResource);

    public static DeadlineCatalog Shipped() => Read(ShippedText(), "shipped deadlines.yaml") is { IsOk: true } ok
        ? ok.Value
        : throw new InvalidOperationException("The shipped deadlines.yaml is invalid.");

    /// <summary>Reads one complete file.</summary>
    public static Result<DeadlineCatalog> Read(string yaml, string origin) => Merge(null, yaml, origin);

    /// <summary>Reads <paramref name="yaml"/> over <paramref name="baseText"/> (entries with the same id replace, disabled ones go).</summary>
    public static Result<DeadlineCatalog> Merge(string? baseText, string yaml, string origin)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var file = YamlData.Read<FileDto>(yaml, origin);
        if (!file.IsOk)
        {
            return file.Problem;
        }

        var events = new List<EventDto>();
        var questions = new List<QuestionDto>();
        var rules = new List<RuleDto>();
        if (baseText is not null)
        {
            var shipped = YamlData.Read<FileDto>(baseText, "shipped deadlines.yaml");
            if (!shipped.IsOk)
            {
                return shipped.Problem;
            }

            events.AddRange(shipped.Value.Events ?? []);
            questions.AddRange(shipped.Value.Questions ?? []);
            rules.AddRange(shipped.Value.Deadlines ?? []);
        }

        Overlay(events, file.Value.Events, e => e.Id, e => e.Disabled);
        Overlay(questions, file.Value.Questions, q => q.Id, q => q.Disabled);
        Overlay(rules, file.Value.Deadlines, r => r.Id, r => r.Disabled);
        return Build(events, questions, rules, origin);
    }

    private static void Overlay<T>(List<T> target, List<T>? overlay, Func<T, string?> id, Func<T, bool> disabled)
    {
        foreach (var item in overlay ?? [])
        {
            var index = target.FindIndex(t => id(t) == id(item));
            if (index >= 0)
            {
                target.RemoveAt(index);
            }

            if (!disabled(item))
            {
                if (index >= 0)
                {
                    target.Insert(index, item);
                }
                else
                {
                    target.Add(item);
                }
            }
        }
    }

    private static Result<DeadlineCatalog> Build(List<EventDto> eventDtos, List<QuestionDto> questionDtos, List<RuleDto> ruleDtos, string origin)
    {
        string Where(string what, string? id, string field) => $"{origin}: {what}[{id ?? "?"}].{field}";

        var events = new List<StartEvent>();
        foreach (var e in eventDtos)
        {
            if (CheckId(origin, "events", e.Id) is { } bad)
            {
                return bad;
            }

            if (string.IsNullOrWhiteSpace(e.Label))
            {
                return Problem.Invalid("file", ProblemCode.FileFieldRequired, Where("events", e.Id, "label"));
            }

            var source = e.Source?.Trim() ?? "";
            StartEventKind kind;
            string? sent = null;
            if (source == "detection")
            {
                kind = StartEventKind.Detection;
            }
            else if (source == "manual")
            {
                kind = StartEventKind.Manual;
            }
            else if (source.StartsWith("sent:", StringComparison.Ordinal))
            {
                kind = StartEventKind.Sent;
                sent = source["sent:".Length..].Trim();
            }
            else
            {
                return Problem.Invalid("file", ProblemCode.EventSourceInvalid, Where("events", e.Id, "source"), source);
            }

            events.Add(new StartEvent(e.Id!, e.Label.Trim(), Or(e.LabelEn, e.Label), kind, sent, Blank(e.Help), Blank(e.HelpEn) ?? Blank(e.Help)));
        }

        var questions = new List<ApplicabilityQuestion>();
        foreach (var q in questionDtos)
        {
            if (CheckId(origin, "questions", q.Id) is { } bad)
            {
                return bad;
            }

            if (string.IsNullOrWhiteSpace(q.Text))
            {
                return Problem.Invalid("file", ProblemCode.FileFieldRequired, Where("questions", q.Id, "text"));
            }

            questions.Add(new ApplicabilityQuestion(q.Id!, q.Text.Trim(), Or(q.TextEn, q.Text)));
        }

        var rules = new List<DeadlineRule>();
        foreach (var r in ruleDtos)
        {
            if (CheckId(origin, "deadlines", r.Id) is { } bad)
            {
                return bad;
            }

            foreach (var (field, value) in new[] { ("name", r.Name), ("authority", r.Authority), ("legal_basis", r.LegalBasis), ("start", r.Start), ("draft", r.Draft) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    return Problem.Invalid("file", ProblemCode.FileFieldRequired, Where("deadlines", r.Id, field));
                }
            }

            if (events.All(e => e.Id != r.Start!.Trim()))
            {
                return Problem.Invalid("file", ProblemCode.StartNotAnEvent, Where("deadlines", r.Id, "start"), r.Start, string.Join(", ", events.Select(e => e.Id)));
            }

            var offset = DeadlineOffset.Parse(Where("deadlines", r.Id, "offset"), r.Offset);
            if (!offset.IsOk)
            {
                return offset.Problem with { Field = "file" };
            }

            var reminders = new List<DeadlineOffset>();
            foreach (var text in r.Reminders ?? [])
            {
                var reminder = DeadlineOffset.Parse(Where("deadlines", r.Id, "reminders"), text);
                if (!reminder.IsOk)
                {
                    return reminder.Problem with { Field = "file" };
                }

                if (reminder.Value.IsZero)
                {
                    return Problem.Invalid("file", ProblemCode.ReminderZero, Where("deadlines", r.Id, "reminders"));
                }

                reminders.Add(reminder.Value);
            }

            foreach (var question in r.AppliesWhen ?? [])
            {
                if (questions.All(q => q.Id != question))
                {
                    return Problem.Invalid("file", ProblemCode.AppliesWhenNotAQuestion, Where("deadlines", r.Id, "applies_when"), question, string.Join(", ", questions.Select(q => q.Id)));
                }
            }

            foreach (Match placeholder in Placeholder().Matches(r.Draft!))
            {
                if (!DraftPlaceholders.Known.Contains(placeholder.Groups[1].Value))
                {
                    return Problem.Invalid("file", ProblemCode.DraftPlaceholderUnknown, Where("deadlines", r.Id, "draft"), placeholder.Value, string.Join(", ", DraftPlaceholders.Known.Select(k => "{{" + k + "}}")));
                }
            }

            rules.Add(new DeadlineRule(r.Id!, r.Name!.Trim(), Or(r.NameEn, r.Name), r.Authority!.Trim(), Or(r.AuthorityEn, r.Authority), r.LegalBasis!.Trim(),
                r.Start!.Trim(), offset.Value, [.. reminders.Distinct().OrderBy(x => x.Before(s_reference, TimeZoneInfo.Utc))],
                [.. r.AppliesWhen ?? []], Blank(r.Form), r.Draft!.TrimEnd() + "\n"));
        }

        foreach (var e in events.Where(e => e.Kind == StartEventKind.Sent))
        {
            if (rules.All(r => r.Id != e.SentDeadlineId))
            {
                return Problem.Invalid("file", ProblemCode.SentEventNamesNoDeadline, Where("events", e.Id, "source"), e.SentDeadlineId);
            }

            if (rules.Any(r => r.Id == e.SentDeadlineId && r.StartEventId == e.Id))
            {
                return Problem.Invalid("file", ProblemCode.DeadlineStartsWhenSent, Where("deadlines", e.SentDeadlineId, "start"));
            }
        }

        if ((Duplicate(events.Select(e => e.Id)) ?? Duplicate(questions.Select(q => q.Id)) ?? Duplicate(rules.Select(r => r.Id))) is { } duplicate)
        {
            return Problem.Invalid("file", ProblemCode.FileIdUsedTwice, origin, duplicate);
        }

        if (rules.Count == 0)
        {
            return Problem.Invalid("file", ProblemCode.NoDeadlineLeft, origin);
        }

        return new DeadlineCatalog(events, questions, rules, origin);
    }

    private static Problem? CheckId(string origin, string what, string? id) =>
        id is null || !Id().IsMatch(id)
            ? Problem.Invalid("file", ProblemCode.CatalogIdInvalid, origin, what, id)
            : null;

    private static string? Duplicate(IEnumerable<string> ids) => ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1)?.Key;

    private static string Or(string? english, string? french) => (string.IsNullOrWhiteSpace(english) ? french : english)!.Trim();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9_]{1,50}$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Id();

    [GeneratedRegex(@"\{\{\s*([a-z_]+)\s*\}\}", RegexOptions.CultureInvariant, 1000)]
    internal static partial Regex Placeholder();

    // YAML shapes (snake_case keys). Mutable because YamlDotNet fills them.
#pragma warning disable CA1812, CA2227, CA1002
    private sealed class FileDto
    {
        public List<EventDto>? Events { get; set; }
        public List<QuestionDto>? Questions { get; set; }
        public List<RuleDto>? Deadlines { get; set; }
    }

    private sealed class EventDto
    {
        public string? Id { get; set; }
        public string? Label { get; set; }
        public string? LabelEn { get; set; }
        public string? Source { get; set; }
        public string? Help { get; set; }
        public string? HelpEn { get; set; }
        public bool Disabled { get; set; }
    }

    private sealed class QuestionDto
    {
        public string? Id { get; set; }
        public string? Text { get; set; }
        public string? TextEn { get; set; }
        public bool Disabled { get; set; }
    }

    private sealed class RuleDto
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? Authority { get; set; }
        public string? AuthorityEn { get; set; }
        public string? LegalBasis { get; set; }
        public string? Start { get; set; }
        public string? Offset { get; set; }
        public List<string>? Reminders { get; set; }
        public List<string>? AppliesWhen { get; set; }
        public string? Form { get; set; }
        public string? Draft { get; set; }
        public bool Disabled { get; set; }
    }
#pragma warning restore CA1812, CA2227, CA1002
}
