using System.Globalization;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// Turns the rows of a chronogramme (CSV or spreadsheet) into a scenario. The header is the first of the first 15 rows
/// that names a content column and a time column (<c>Horaire</c> or <c>H+</c>/<c>Délai</c>), by the usual names
/// (<see cref="ChronogrammeColumns"/>) or an explicit <see cref="ColumnMapping"/>. Rows named DEBEX and FINEX set the start
/// and the end. Every row is checked and every refused row says its line and why: no time, a time that cannot be read or
/// that goes back (a time of day that drops by more than 12 hours is the next day), a duplicated number, an unknown
/// recipient, no content, a cell too long. Objectives are the distinct texts of the <c>Objectif</c> column; each expected
/// reaction becomes an expectation of its stimulus.
/// </summary>
public static class ChronogrammeReader
{
    private const int HeaderSearchRows = 15;

    /// <summary>Metadata a table does not carry: title, level (defaults: the file name, intermédiaire).</summary>
    public sealed record Options(string? Title = null, ScenarioLevel? Level = null, ColumnMapping? Mapping = null);

    public static ScenarioReadResult Read(TableData table, RecipientCatalog recipients, string fileName, Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(recipients);
        options ??= new Options();
        var mapping = options.Mapping ?? ColumnMapping.Empty;
        if (table.Fatal is { } fatal)
        {
            return ScenarioReadResult.Unreadable(table.Format, fatal, table.Encoding, table.Separator);
        }

        var firstRow = table.Rows.FirstOrDefault(r => !r.IsBlank);
        if (firstRow is null)
        {
            return ScenarioReadResult.Unreadable(table.Format, new ScenarioError(1, null, "the file has no rows."), table.Encoding, table.Separator);
        }

        var header = FindHeader(table.Rows, mapping);
        if (header is null)
        {
            var columns = firstRow.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToList();
            var missing = MissingMapped(firstRow, mapping);
            var message = missing.Count > 0
                ? $"the mapping names column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} that no header row has."
                : "no header row found in the first 15 rows: expected a content column (Stimulus, Message, Contenu) and a time column (Horaire, H+ or Délai); " +
                  "for another layout, give a column mapping (content=..., offset=... or time=...).";
            return ScenarioReadResult.Unreadable(table.Format, new ScenarioError(firstRow.Line, "header", message), table.Encoding, table.Separator, columns);
        }

        var (headerIndex, fields) = header.Value;
        var headerRow = table.Rows[headerIndex];
        var warnings = new List<string>();
        var ignored = headerRow.Cells.Select((c, i) => (c, i)).Where(p => !string.IsNullOrWhiteSpace(p.c) && !fields.ContainsValue(p.i)).Select(p => p.c.Trim()).ToList();
        if (ignored.Count > 0)
        {
            warnings.Add($"columns not read: {string.Join(", ", ignored)}.");
        }

        if (!fields.ContainsKey(ChronogrammeField.To))
        {
            warnings.Add("no recipient column (Destinataire): every stimulus goes to everyone (Tous).");
        }

        var errors = new List<ScenarioError>();
        var stimuli = new List<ScenarioStimulus>();
        var objectives = new List<ScenarioObjective>();
        var objectiveKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        TimeSpan? debexClock = null;
        TimeSpan? finex = null;
        TimeSpan? lastClockAbsolute = null;
        var previous = TimeSpan.Zero;
        var previousLine = 0;
        var rows = 0;
        var unknownChannels = new SortedSet<string>(StringComparer.Ordinal);

        string Get(TableRow row, ChronogrammeField field) => fields.TryGetValue(field, out var index) ? row.Cell(index).Trim() : "";

        // The DEBEX time of day: a DEBEX row's, else the first timed row's.
        if (fields.ContainsKey(ChronogrammeField.Time))
        {
            foreach (var row in table.Rows.Skip(headerIndex + 1))
            {
                if (row.IsBlank)
                {
                    continue;
                }

                var clock = TimeTexts.ParseClock(Get(row, ChronogrammeField.Time));
                if (Marker(row, fields) == "debex" && clock is not null)
                {
                    debexClock = clock;
                    break;
                }

                debexClock ??= clock;
            }
        }

        foreach (var row in table.Rows.Skip(headerIndex + 1))
        {
            if (row.IsBlank)
            {
                continue;
            }

            var line = row.Line;
            var rowErrors = new List<ScenarioError>();

            // The time: an offset from DEBEX when the row has one, else the time of day against DEBEX's.
            TimeSpan? offset = null;
            var offsetText = Get(row, ChronogrammeField.Offset);
            var clockText = Get(row, ChronogrammeField.Time);
            if (offsetText.Length > 0)
            {
                offset = TimeTexts.ParseOffset(offsetText);
                if (offset is null)
                {
                    rowErrors.Add(new ScenarioError(line, "offset", $"'{Cut(offsetText)}' is not an offset from DEBEX (write +00:45, 45 min or 1 h 30)."));
                }
            }
            else if (clockText.Length > 0)
            {
                if (TimeTexts.ParseClock(clockText) is { } clock && debexClock is { } start)
                {
                    // A time of day more than 12 hours before the previous one is the next day (a night exercise); less is out of order.
                    var absolute = clock - start;
                    while (absolute < (lastClockAbsolute ?? TimeSpan.Zero) - TimeSpan.FromHours(12))
                    {
                        absolute += TimeSpan.FromDays(1);
                    }

                    offset = absolute;
                }
                else
                {
                    rowErrors.Add(new ScenarioError(line, "time", $"'{Cut(clockText)}' is not a time of day (write 02:15 or 2h15)."));
                }
            }

            var marker = Marker(row, fields);
            if (marker is not null)
            {
                if (rowErrors.Count > 0)
                {
                    errors.AddRange(rowErrors);
                }
                else if (marker == "finex")
                {
                    finex = offset;
                }

                if (offset is { } at)
                {
                    lastClockAbsolute = at;
                }

                continue;
            }

            rows++;
            if (offset is null && rowErrors.Count == 0)
            {
                rowErrors.Add(new ScenarioError(line, fields.ContainsKey(ChronogrammeField.Offset) ? "offset" : "time", "no time: fill in the Horaire or H+ cell."));
            }

            if (offset is { } o)
            {
                if (o < TimeSpan.Zero)
                {
                    rowErrors.Add(new ScenarioError(line, "time", $"{Cut(clockText)} is before DEBEX ({TimeTexts.FormatClock(debexClock ?? TimeSpan.Zero)}); sort the rows by time."));
                }
                else if (o < previous)
                {
                    rowErrors.Add(new ScenarioError(line, fields.ContainsKey(ChronogrammeField.Offset) && offsetText.Length > 0 ? "offset" : "time",
                        $"out of order: {TimeTexts.FormatOffset(o)} comes after {TimeTexts.FormatOffset(previous)} (line {previousLine.ToString(CultureInfo.InvariantCulture)}); sort the rows by time."));
                }
                else if (o > ScenarioLimits.MaxDuration)
                {
                    rowErrors.Add(new ScenarioError(line, "offset", $"{TimeTexts.FormatOffset(o)} is more than three days after DEBEX."));
                }
            }

            var number = Get(row, ChronogrammeField.Id);
            if (number.Length == 0)
            {
                number = (rows).ToString(CultureInfo.InvariantCulture);
            }

            if (ScenarioLimits.Length(line, "id", number, 50) is { } idTooLong)
            {
                rowErrors.Add(idTooLong);
            }
            else if (numbers.TryGetValue(number, out var firstLine))
            {
                rowErrors.Add(new ScenarioError(line, "id", $"stimulus number '{number}' is already on line {firstLine.ToString(CultureInfo.InvariantCulture)}."));
            }
            else
            {
                numbers[number] = line;
            }

            var channelText = Get(row, ChronogrammeField.Channel);
            var channel = ChannelNames.Read(channelText);
            if (channel is null && channelText.Length > 0)
            {
                unknownChannels.Add(Cut(channelText));
            }

            var recipientText = Get(row, ChronogrammeField.To);
            List<string> keys;
            if (!fields.ContainsKey(ChronogrammeField.To))
            {
                keys = [RecipientCatalog.Everyone];
            }
            else
            {
                (keys, var unknown) = recipients.Resolve(recipientText);
                if (unknown.Count > 0)
                {
                    rowErrors.Add(new ScenarioError(line, "to", $"unknown recipient(s): {string.Join(", ", unknown.Select(u => $"'{Cut(u)}'"))}. " +
                        "Known: Tous, the crisis cell's roles (Directeur de crise, RSSI, DSI, Communication ...), Administrateur de garde, Standard, Astreinte informatique ...; " +
                        "or declare it in a YAML scenario (recipients)."));
                }
                else if (keys.Count == 0)
                {
                    rowErrors.Add(new ScenarioError(line, "to", "no recipient: fill in the Destinataire cell (Tous for everyone)."));
                }
            }

            var content = Get(row, ChronogrammeField.Content);
            if (content.Length == 0)
            {
                rowErrors.Add(new ScenarioError(line, "content", "no stimulus text: fill in the Stimulus cell."));
            }

            var subject = Get(row, ChronogrammeField.Subject);
            var sender = Get(row, ChronogrammeField.From);
            var expected = Get(row, ChronogrammeField.Expected);
            var deliverable = Get(row, ChronogrammeField.Deliverable);
            var notes = Get(row, ChronogrammeField.Notes);
            var objective = Get(row, ChronogrammeField.Objective);
            foreach (var (field, value, max) in new[]
                     {
                         ("content", content, ScenarioLimits.MaxText), ("subject", subject, Limits.TitleMaxLength), ("from", sender, ScenarioLimits.MaxShortText),
                         ("to", recipientText, ScenarioLimits.MaxShortText), ("expected", expected, ScenarioLimits.MaxText), ("deliverable", deliverable, ScenarioLimits.MaxText),
                         ("notes", notes, ScenarioLimits.MaxText), ("objective", objective, ScenarioLimits.MaxText),
                     })
            {
                var length = WireName<ChronogrammeField>.TryParse(field, out var f) && fields.TryGetValue(f, out var index) ? row.Length(index) : value.Length;
                if (length > max)
                {
                    rowErrors.RemoveAll(e => e.Field == field);
                    rowErrors.Add(new ScenarioError(line, field, string.Create(CultureInfo.InvariantCulture,
                        $"the cell « {ColumnName(headerRow, fields, field)} » holds {length} characters; at most {max}.")));
                }
            }

            if (stimuli.Count >= ScenarioLimits.MaxStimuli)
            {
                rowErrors.Add(new ScenarioError(line, null, $"more than {ScenarioLimits.MaxStimuli} stimuli."));
            }

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                continue;
            }

            previous = offset!.Value;
            previousLine = line;
            lastClockAbsolute = offset;
            var objectiveList = new List<string>();
            if (objective.Length > 0)
            {
                var normalised = TextKey.Normalise(objective);
                if (!objectiveKeys.TryGetValue(normalised, out var key))
                {
                    key = "O" + (objectives.Count + 1).ToString(CultureInfo.InvariantCulture);
                    objectiveKeys[normalised] = key;
                    objectives.Add(new ScenarioObjective(key, objective));
                }

                objectiveList.Add(key);
            }

            stimuli.Add(new ScenarioStimulus(line, number, offset.Value, channel ?? StimulusChannel.Autre, sender.Length == 0 ? "Cellule d’animation" : sender, keys,
                subject.Length == 0 ? null : subject, content, NullIfEmpty(expected), NullIfEmpty(deliverable), NullIfEmpty(notes), objectiveList, null));
        }

        if (unknownChannels.Count > 0)
        {
            warnings.Add($"channel(s) not recognised, read as « autre »: {string.Join(", ", unknownChannels)}.");
        }

        if (rows == 0 && errors.Count == 0)
        {
            errors.Add(new ScenarioError(headerRow.Line, null, "the file has a header but no stimulus."));
        }

        var lastOffset = stimuli.Count > 0 ? stimuli[^1].Offset : TimeSpan.Zero;
        var duration = finex is { } end && end >= lastOffset && end > TimeSpan.Zero ? end : lastOffset + TimeSpan.FromMinutes(15);
        var expectations = stimuli.Where(s => s.Expected is not null)
            .Select(s => new ScenarioExpectation("R-" + s.Number, s.Objectives.FirstOrDefault(), s.Number, s.Expected!)).ToList();
        var title = string.IsNullOrWhiteSpace(options.Title) ? TitleFrom(fileName) : options.Title.Trim();
        var scenario = new Scenario(title, options.Level ?? ScenarioLevel.Intermediaire, duration,
            debexClock is { } d ? TimeTexts.FormatClock(d) : null, null, null, objectives, stimuli, expectations, null, []);
        var mapped = fields.ToDictionary(f => WireName<ChronogrammeField>.Of(f.Key), f => headerRow.Cell(f.Value).Trim(), StringComparer.Ordinal);
        return new ScenarioReadResult(scenario, table.Format, table.Encoding, table.Separator, rows, errors, warnings,
            headerRow.Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToList(), mapped);
    }

    /// <summary>The header row (index in <paramref name="rows"/>) and the column of each field, or null when none of the first rows is one.</summary>
    public static (int Index, Dictionary<ChronogrammeField, int> Fields)? FindHeader(IReadOnlyList<TableRow> rows, ColumnMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(mapping);
        var seen = 0;
        for (var r = 0; r < rows.Count && seen < HeaderSearchRows; r++)
        {
            if (rows[r].IsBlank)
            {
                continue;
            }

            seen++;
            var fields = new Dictionary<ChronogrammeField, int>();
            var cells = rows[r].Cells;
            var mappedFound = true;
            foreach (var (field, column) in mapping.Columns)
            {
                var index = IndexOf(cells, column);
                if (index < 0)
                {
                    mappedFound = false;
                    break;
                }

                fields[field] = index;
            }

            if (!mappedFound)
            {
                continue;
            }

            for (var i = 0; i < cells.Count; i++)
            {
                if (fields.ContainsValue(i) || ChronogrammeColumns.Recognise(cells[i]) is not { } field || fields.ContainsKey(field))
                {
                    continue;
                }

                fields[field] = i;
            }

            if (fields.ContainsKey(ChronogrammeField.Content) && (fields.ContainsKey(ChronogrammeField.Time) || fields.ContainsKey(ChronogrammeField.Offset)))
            {
                return (r, fields);
            }
        }

        return null;
    }

    private static List<string> MissingMapped(TableRow first, ColumnMapping mapping) =>
        mapping.Columns.Values.Where(column => IndexOf(first.Cells, column) < 0).ToList();

    private static int IndexOf(IReadOnlyList<string> cells, string column)
    {
        var wanted = TextKey.Normalise(column);
        for (var i = 0; i < cells.Count; i++)
        {
            if (TextKey.Normalise(cells[i]) == wanted)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"debex" or "finex" when the row only marks the start or the end.</summary>
    private static string? Marker(TableRow row, Dictionary<ChronogrammeField, int> fields)
    {
        foreach (var field in new[] { ChronogrammeField.Content, ChronogrammeField.Channel, ChronogrammeField.Id, ChronogrammeField.Subject })
        {
            if (fields.TryGetValue(field, out var index))
            {
                var text = TextKey.Normalise(row.Cell(index));
                if (text is "debex" or "finex" || text.StartsWith("debex ", StringComparison.Ordinal) || text.StartsWith("finex ", StringComparison.Ordinal) ||
                    text is "debut d exercice" or "debut de l exercice" or "fin d exercice" or "fin de l exercice" or "startex" or "endex")
                {
                    return text.StartsWith("debex", StringComparison.Ordinal) || text.StartsWith("debut", StringComparison.Ordinal) || text == "startex" ? "debex" : "finex";
                }
            }
        }

        return null;
    }

    private static string ColumnName(TableRow header, Dictionary<ChronogrammeField, int> fields, string field) =>
        WireName<ChronogrammeField>.TryParse(field, out var f) && fields.TryGetValue(f, out var index) ? header.Cell(index).Trim() : field;

    private static string TitleFrom(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName ?? "");
        return string.IsNullOrWhiteSpace(name) ? "Exercice" : name.Replace('_', ' ').Trim();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string Cut(string text) => text.Length > 60 ? text[..57] + "…" : text;
}
