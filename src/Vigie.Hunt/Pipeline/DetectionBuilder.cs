using Vigie.Hunt.Sources;
using Vigie.Sigma;

namespace Vigie.Hunt.Pipeline;

/// <summary>Builds the pending detections of one matched event (worker side: copies what the row needs).</summary>
internal static class DetectionBuilder
{
    private const int MaxValueLength = 4096;

    /// <summary>Asked for in every row when the event has them (after the rule's own fields).</summary>
    private static readonly string[] s_extraFields =
    [
        "User", "SubjectUserName", "TargetUserName", "Image", "NewProcessName", "ParentImage", "ParentProcessName",
        "CommandLine", "ParentCommandLine", "IpAddress", "SourceAddress", "SourceIp", "DestinationIp", "DestinationHostname",
        "TargetFilename", "ServiceName", "ImagePath",
    ];

    /// <summary>Shown in their own columns, not in the details.</summary>
    private static readonly HashSet<string> s_columns = new(StringComparer.OrdinalIgnoreCase) { "Channel", "EventID", "Computer" };

    /// <summary>The extra fields resolved against the rule set once: ids where the rules read them (array lookup), else null (found by name).</summary>
    public static SigmaField?[] ResolveExtras(SigmaRuleSet rules)
    {
        var fields = new SigmaField?[s_extraFields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = rules.TryGetField(s_extraFields[i], out var field) ? field : null;
        }

        return fields;
    }

    public static void Add(
        IHuntEvent ev,
        SigmaField?[] extras,
        List<SigmaMatch> matches,
        RuleInfo[] rules,
        DetailStrings strings,
        long ticks,
        int file,
        long ordinal,
        string computer,
        string channel,
        int? eventId,
        long? recordId,
        List<PendingDetection> output)
    {
        for (var m = 0; m < matches.Count; m++)
        {
            var info = rules[matches[m].Rule.Index];
            if (!info.Keep)
            {
                continue;
            }

            string?[]? correlation = null;
            if (info.CorrelationFields is { } fields)
            {
                correlation = new string?[fields.Count];
                for (var i = 0; i < fields.Count; i++)
                {
                    correlation[i] = ev.GetValue(fields[i], 0, out var value) is SigmaValueKind.Value or SigmaValueKind.MoreValues ? strings.Get(value) : null;
                }
            }

            output.Add(new PendingDetection
            {
                Ticks = ticks,
                File = file,
                Ordinal = ordinal,
                Match = m,
                Rule = info.Rule.Index,
                Computer = computer,
                Channel = channel,
                EventId = eventId,
                RecordId = recordId,
                Details = info.Output ? Details(ev, info, extras, strings, computer, channel) : [],
                CorrelationValues = correlation,
            });
        }
    }

    private static KeyValuePair<string, string>[] Details(IHuntEvent ev, RuleInfo info, SigmaField?[] extras, DetailStrings strings, string computer, string channel)
    {
        var details = new List<KeyValuePair<string, string>>();
        foreach (var field in info.DetectionFields)
        {
            if (Has(details, field.Name))
            {
                continue;
            }

            var kind = ev.GetValue(field, 0, out var value);
            if (kind is SigmaValueKind.Absent or SigmaValueKind.Null)
            {
                continue;
            }

            // A column's field is shown in the details only when the rule read another value under its name
            // (event 104's UserData Channel, the cleared log, against the System channel of the column).
            if (s_columns.Contains(field.Name) && !IsDataOverColumn(field.Name, value, computer, channel))
            {
                continue;
            }

            var text = Clip(value, strings);
            for (var i = 1; kind == SigmaValueKind.MoreValues && i < 64; i++)
            {
                kind = ev.GetValue(field, i, out value);
                if (kind is SigmaValueKind.Value or SigmaValueKind.MoreValues)
                {
                    text = Clip(string.Concat(text, ", ", value), strings);
                }
            }

            details.Add(new(field.Name, text));
        }

        for (var i = 0; i < s_extraFields.Length; i++)
        {
            var name = s_extraFields[i];
            if (Has(details, name))
            {
                continue;
            }

            ReadOnlySpan<char> value;
            var found = extras[i] is { } field
                ? ev.GetValue(field, 0, out value) is SigmaValueKind.Value or SigmaValueKind.MoreValues
                : ev.TryGetByName(name, out value);
            if (found && !value.IsEmpty && !value.SequenceEqual("-"))
            {
                details.Add(new(name, Clip(value, strings)));
            }
        }

        return [.. details];
    }

    private static bool IsDataOverColumn(string name, ReadOnlySpan<char> value, string computer, string channel) =>
        name.Equals("Channel", StringComparison.OrdinalIgnoreCase) ? !value.Equals(channel, StringComparison.Ordinal)
        : name.Equals("Computer", StringComparison.OrdinalIgnoreCase) && !value.Equals(computer, StringComparison.Ordinal);

    private static bool Has(List<KeyValuePair<string, string>> details, string name)
    {
        foreach (var (key, _) in details)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Clip(ReadOnlySpan<char> value, DetailStrings strings) =>
        value.Length <= MaxValueLength ? strings.Get(value) : strings.Get(string.Concat(value[..MaxValueLength], "…"));
}
