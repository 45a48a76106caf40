using System.Globalization;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Incidents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// Reads Vigie's YAML scenario (<see cref="ScenarioDocument"/>). A syntax error or an unknown key stops the reading with
/// its line and column; then every stimulus, objective and expectation is checked and a refused one says its line.
/// Stimuli are in time order (offsets from DEBEX, or times of day against <c>start_time</c>).
/// </summary>
public static class ScenarioYamlReader
{
    public const string Format = "yaml";

    private static readonly IDeserializer s_reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Whether a file is a YAML scenario: its name, or its first meaningful line.</summary>
    public static bool Looks(string? fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName ?? "");
        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var head = System.Text.Encoding.UTF8.GetString(content[..Math.Min(content.Length, 4096)]).TrimStart('\uFEFF');
        foreach (var line in head.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            return trimmed == "---" || trimmed.StartsWith("vigie_scenario:", StringComparison.Ordinal) || trimmed.StartsWith("title:", StringComparison.Ordinal);
        }

        return false;
    }

    public static ScenarioReadResult Read(string text, IEnumerable<(string Key, string Label, string LabelEn)>? crisisRoles = null,
        Func<string, byte[]?>? shippedFiles = null, string? titleOverride = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ScenarioDocument document;
        YamlMappingNode? root = null;
        try
        {
            document = s_reader.Deserialize<ScenarioDocument>(text) ?? new ScenarioDocument();
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is { } i and not YamlException ? $": {i.Message}" : "";
            var first = e.Message.Split('\n')[0];
            return ScenarioReadResult.Unreadable(Format, new ScenarioError((int)e.Start.Line, null, string.Create(CultureInfo.InvariantCulture, $"column {e.Start.Column}: {first}{inner}")));
        }

        var errors = new List<ScenarioError>();
        var warnings = new List<string>();
        int Line(string section, int index) => root is not null && root.Children.TryGetValue(new YamlScalarNode(section), out var node) &&
                                               node is YamlSequenceNode sequence && index < sequence.Children.Count
            ? (int)sequence.Children[index].Start.Line
            : 0;
        int KeyLine(string key) => root is not null && root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (int)node.Start.Line : 1;

        if (document.VigieScenario is { } version && version != ScenarioDocument.CurrentVersion)
        {
            return ScenarioReadResult.Unreadable(Format, new ScenarioError(KeyLine("vigie_scenario"), "vigie_scenario",
                $"version {version} of the scenario format is not known to this Vigie (it reads version {ScenarioDocument.CurrentVersion})."));
        }

        var title = string.IsNullOrWhiteSpace(titleOverride) ? document.Title?.Trim() : titleOverride.Trim();
        if (string.IsNullOrWhiteSpace(title))
        {
            return ScenarioReadResult.Unreadable(Format, new ScenarioError(1, "title", "the scenario has no title (title: ...)."));
        }

        if (title.Length > Limits.TitleMaxLength - 20)
        {
            return ScenarioReadResult.Unreadable(Format, new ScenarioError(KeyLine("title"), "title", $"the title is longer than {Limits.TitleMaxLength - 20} characters."));
        }

        var level = ScenarioLevel.Intermediaire;
        if (document.Level is not null && !WireName<ScenarioLevel>.TryParse(TextKey.Normalise(document.Level).Replace(' ', '_'), out level))
        {
            errors.Add(new ScenarioError(KeyLine("level"), "level", $"unknown level '{document.Level}'; expected debutant, intermediaire or confirme."));
        }

        TimeSpan? startClock = null;
        if (document.StartTime is not null && (startClock = TimeTexts.ParseClock(document.StartTime)) is null)
        {
            errors.Add(new ScenarioError(KeyLine("start_time"), "start_time", $"'{document.StartTime}' is not a time of day (02:00)."));
        }

        TimeSpan? duration = null;
        if (document.Duration is not null && (duration = TimeTexts.ParseDuration(document.Duration)) is null)
        {
            errors.Add(new ScenarioError(KeyLine("duration"), "duration", $"'{document.Duration}' is not a duration (2 h 30, 150 min)."));
        }

        foreach (var (field, value, max) in new[] { ("setting", document.Setting, ScenarioLimits.MaxText), ("summary", document.Summary, ScenarioLimits.MaxText) })
        {
            if (ScenarioLimits.Length(KeyLine(field), field, value, max) is { } tooLong)
            {
                errors.Add(tooLong);
            }
        }

        // Objectives.
        var objectives = new List<ScenarioObjective>();
        foreach (var (o, index) in (document.Objectives ?? []).Select((o, i) => (o, i)))
        {
            var line = Line("objectives", index);
            var key = string.IsNullOrWhiteSpace(o.Id) ? "O" + (index + 1).ToString(CultureInfo.InvariantCulture) : o.Id.Trim();
            if (string.IsNullOrWhiteSpace(o.Text))
            {
                errors.Add(new ScenarioError(line, "objectives", $"objective {key} has no text."));
            }
            else if (objectives.Any(x => x.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new ScenarioError(line, "objectives", $"objective id '{key}' is given twice."));
            }
            else if (ScenarioLimits.Length(line, "objectives", o.Text, ScenarioLimits.MaxText) is { } tooLong)
            {
                errors.Add(tooLong);
            }
            else if (objectives.Count >= ScenarioLimits.MaxObjectives)
            {
                errors.Add(new ScenarioError(line, "objectives", $"more than {ScenarioLimits.MaxObjectives} objectives."));
            }
            else
            {
                objectives.Add(new ScenarioObjective(key, o.Text.Trim()));
            }
        }

        // Recipients the scenario adds.
        var declared = new List<ScenarioRecipient>();
        foreach (var (r, index) in (document.Recipients ?? []).Select((r, i) => (r, i)))
        {
            var key = TextKey.Normalise(r.Id).Replace(' ', '_');
            if (key.Length == 0 || string.IsNullOrWhiteSpace(r.Label))
            {
                errors.Add(new ScenarioError(Line("recipients", index), "recipients", "a recipient needs an id and a label."));
                continue;
            }

            declared.Add(new ScenarioRecipient(key, r.Label.Trim(), r.Aliases ?? []));
        }

        var catalog = RecipientCatalog.Create(crisisRoles, declared);

        // Starting state.
        StartingState? start = null;
        if (document.StartingState is { } state)
        {
            IncidentPhase? phase = null;
            if (state.Phase is not null)
            {
                if (WireName<IncidentPhase>.TryParse(TextKey.Normalise(state.Phase).Replace(" ", "_", StringComparison.Ordinal), out var p))
                {
                    phase = p;
                }
                else
                {
                    errors.Add(new ScenarioError(KeyLine("starting_state"), "starting_state.phase", $"unknown phase '{state.Phase}'; expected one of: {string.Join(", ", WireName<IncidentPhase>.All)}."));
                }
            }

            var services = new List<StartingService>();
            foreach (var s in state.Services ?? [])
            {
                if (string.IsNullOrWhiteSpace(s.Service) || !WireName<ServiceStatus>.TryParse(s.Status, out var status))
                {
                    errors.Add(new ScenarioError(KeyLine("starting_state"), "starting_state.services",
                        $"service '{s.Service}': needs a service (code or name) and a status ({string.Join(", ", WireName<ServiceStatus>.All)})."));
                    continue;
                }

                services.Add(new StartingService(s.Service.Trim(), status, s.Reason?.Trim(), s.Diversion?.Trim()));
            }

            start = new StartingState(phase, services);
        }

        // Stimuli.
        var stimuli = new List<ScenarioStimulus>();
        var numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var previous = TimeSpan.Zero;
        var previousLine = 0;
        TimeSpan? lastAbsolute = null;
        var unknownChannels = new SortedSet<string>(StringComparer.Ordinal);
        var stimulusDocuments = document.Stimuli ?? [];
        if (stimulusDocuments.Count == 0)
        {
            errors.Add(new ScenarioError(KeyLine("stimuli"), "stimuli", "the scenario has no stimulus (stimuli: ...)."));
        }

        foreach (var (s, index) in stimulusDocuments.Select((s, i) => (s, i)))
        {
            var line = Line("stimuli", index);
            var rowErrors = new List<ScenarioError>();
            var number = string.IsNullOrWhiteSpace(s.Id) ? (index + 1).ToString(CultureInfo.InvariantCulture) : s.Id.Trim();
            if (number.Length > 50)
            {
                rowErrors.Add(new ScenarioError(line, "id", "the id is longer than 50 characters."));
            }
            else if (numbers.TryGetValue(number, out var firstLine))
            {
                rowErrors.Add(new ScenarioError(line, "id", $"stimulus id '{number}' is already on line {firstLine.ToString(CultureInfo.InvariantCulture)}."));
            }
            else
            {
                numbers[number] = line;
            }

            TimeSpan? offset = null;
            if (!string.IsNullOrWhiteSpace(s.At))
            {
                offset = TimeTexts.ParseOffset(s.At);
                if (offset is null)
                {
                    rowErrors.Add(new ScenarioError(line, "at", $"stimulus {number}: '{s.At}' is not an offset from DEBEX (+00:45, 45 min, 1 h 30)."));
                }
            }
            else if (!string.IsNullOrWhiteSpace(s.Time))
            {
                if (TimeTexts.ParseClock(s.Time) is not { } clock)
                {
                    rowErrors.Add(new ScenarioError(line, "time", $"stimulus {number}: '{s.Time}' is not a time of day (02:15)."));
                }
                else if (startClock is not { } debex)
                {
                    rowErrors.Add(new ScenarioError(line, "time", $"stimulus {number}: a time of day needs the scenario's start_time (the time at DEBEX); or write at: +00:15."));
                }
                else
                {
                    var absolute = clock - debex;
                    while (absolute < (lastAbsolute ?? TimeSpan.Zero) - TimeSpan.FromHours(12))
                    {
                        absolute += TimeSpan.FromDays(1);
                    }

                    offset = absolute;
                }
            }
            else
            {
                rowErrors.Add(new ScenarioError(line, "at", $"stimulus {number} has no time (at: +00:45, or time: 02:45)."));
            }

            if (offset is { } o)
            {
                if (o < TimeSpan.Zero)
                {
                    rowErrors.Add(new ScenarioError(line, "time", $"stimulus {number}: {s.Time} is before start_time ({document.StartTime})."));
                }
                else if (o < previous)
                {
                    rowErrors.Add(new ScenarioError(line, "at", $"stimulus {number} is out of order: {TimeTexts.FormatOffset(o)} comes after {TimeTexts.FormatOffset(previous)} (line {previousLine.ToString(CultureInfo.InvariantCulture)})."));
                }
                else if (o > ScenarioLimits.MaxDuration)
                {
                    rowErrors.Add(new ScenarioError(line, "at", $"stimulus {number}: {TimeTexts.FormatOffset(o)} is more than three days after DEBEX."));
                }
            }

            var channel = ChannelNames.Read(s.Channel);
            if (channel is null && !string.IsNullOrWhiteSpace(s.Channel))
            {
                unknownChannels.Add(s.Channel.Trim());
            }

            var recipientTexts = s.To switch
            {
                null => [],
                string one => [one],
                IEnumerable<object> many => many.Select(m => m?.ToString() ?? "").ToList(),
                var other => [other.ToString() ?? ""],
            };
            var keys = new List<string>();
            foreach (var recipient in recipientTexts)
            {
                var (found, unknown) = catalog.Resolve(recipient);
                keys.AddRange(found.Where(k => !keys.Contains(k)));
                if (unknown.Count > 0)
                {
                    rowErrors.Add(new ScenarioError(line, "to", $"stimulus {number}: unknown recipient(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; declare them under recipients: or use a role of the cell."));
                }
            }

            if (keys.Count == 0 && !rowErrors.Any(e => e.Field == "to"))
            {
                rowErrors.Add(new ScenarioError(line, "to", $"stimulus {number} has no recipient (to: tous, or roles of the cell)."));
            }

            if (string.IsNullOrWhiteSpace(s.Content))
            {
                rowErrors.Add(new ScenarioError(line, "content", $"stimulus {number} has no content."));
            }

            foreach (var (field, value, max) in new[]
                     {
                         ("content", s.Content, ScenarioLimits.MaxText), ("title", s.Title, Limits.TitleMaxLength), ("from", s.From, ScenarioLimits.MaxShortText),
                         ("expected", s.Expected, ScenarioLimits.MaxText), ("deliverable", s.Deliverable, ScenarioLimits.MaxText), ("notes", s.Notes, ScenarioLimits.MaxText),
                     })
            {
                if (ScenarioLimits.Length(line, field, value, max) is { } tooLong)
                {
                    rowErrors.Add(tooLong with { Message = $"stimulus {number}: {tooLong.Message}" });
                }
            }

            var stimulusObjectives = new List<string>();
            foreach (var key in s.Objectives ?? [])
            {
                if (objectives.FirstOrDefault(x => x.Key.Equals(key?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } objective)
                {
                    stimulusObjectives.Add(objective.Key);
                }
                else
                {
                    rowErrors.Add(new ScenarioError(line, "objectives", $"stimulus {number}: objective '{key}' is not among the scenario's objectives."));
                }
            }

            ScenarioArtifact? artifact = null;
            if (s.Artifact is { } a)
            {
                var read = ReadArtifact(a, number, shippedFiles);
                if (read.IsOk)
                {
                    artifact = read.Value;
                }
                else
                {
                    rowErrors.Add(new ScenarioError(line, "artifact", read.Problem.Message));
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
            lastAbsolute = offset;
            stimuli.Add(new ScenarioStimulus(line, number, offset.Value, channel ?? StimulusChannel.Autre, string.IsNullOrWhiteSpace(s.From) ? "Cellule d’animation" : s.From.Trim(),
                keys, Trim(s.Title), s.Content!.Trim(), Trim(s.Expected), Trim(s.Deliverable), Trim(s.Notes), stimulusObjectives, artifact));
        }

        if (unknownChannels.Count > 0)
        {
            warnings.Add($"channel(s) not recognised, read as « autre »: {string.Join(", ", unknownChannels)}.");
        }

        // Expectations: the file's, then one per stimulus with an expected reaction.
        var expectations = new List<ScenarioExpectation>();
        foreach (var (e, index) in (document.Expectations ?? []).Select((e, i) => (e, i)))
        {
            var line = Line("expectations", index);
            var key = string.IsNullOrWhiteSpace(e.Id) ? "A" + (index + 1).ToString(CultureInfo.InvariantCulture) : e.Id.Trim();
            string? objective = null;
            if (e.Objective is not null)
            {
                objective = objectives.FirstOrDefault(o => o.Key.Equals(e.Objective.Trim(), StringComparison.OrdinalIgnoreCase))?.Key;
                if (objective is null)
                {
                    errors.Add(new ScenarioError(line, "expectations", $"expectation {key}: objective '{e.Objective}' is not among the scenario's objectives."));
                    continue;
                }
            }

            string? stimulus = null;
            if (e.Stimulus is not null)
            {
                stimulus = stimuli.FirstOrDefault(s => s.Number.Equals(e.Stimulus.Trim(), StringComparison.OrdinalIgnoreCase))?.Number;
                if (stimulus is null)
                {
                    errors.Add(new ScenarioError(line, "expectations", $"expectation {key}: stimulus '{e.Stimulus}' is not among the scenario's stimuli."));
                    continue;
                }
            }

            if (string.IsNullOrWhiteSpace(e.Text) || expectations.Any(x => x.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new ScenarioError(line, "expectations", string.IsNullOrWhiteSpace(e.Text) ? $"expectation {key} has no text." : $"expectation id '{key}' is given twice."));
                continue;
            }

            if (ScenarioLimits.Length(line, "expectations", e.Text, ScenarioLimits.MaxText) is { } tooLong)
            {
                errors.Add(tooLong);
                continue;
            }

            expectations.Add(new ScenarioExpectation(key, objective, stimulus, e.Text.Trim()));
        }

        foreach (var s in stimuli.Where(s => s.Expected is not null))
        {
            expectations.Add(new ScenarioExpectation("R-" + s.Number, s.Objectives.FirstOrDefault(), s.Number, s.Expected!));
        }

        var lastOffset = stimuli.Count > 0 ? stimuli[^1].Offset : TimeSpan.Zero;
        if (duration is { } d && d < lastOffset)
        {
            errors.Add(new ScenarioError(KeyLine("duration"), "duration", $"the duration {TimeTexts.FormatOffset(d)} ends before the last stimulus ({TimeTexts.FormatOffset(lastOffset)})."));
            duration = null;
        }

        var scenario = new Scenario(title, level, duration ?? lastOffset + TimeSpan.FromMinutes(15), startClock is { } sc ? TimeTexts.FormatClock(sc) : null,
            Trim(document.Setting), Trim(document.Summary), objectives, stimuli, expectations, start, declared);
        return new ScenarioReadResult(scenario, Format, "UTF-8", null, stimulusDocuments.Count, errors, warnings, [], new Dictionary<string, string>());
    }

    private static Result<ScenarioArtifact> ReadArtifact(ScenarioDocument.ArtifactDocument a, string number, Func<string, byte[]?>? shippedFiles)
    {
        byte[]? content;
        var name = a.Name?.Trim();
        if (!string.IsNullOrWhiteSpace(a.File))
        {
            content = shippedFiles?.Invoke(a.File.Trim());
            if (content is null)
            {
                return Problem.Invalid("artifact", ProblemCode.ArtifactNotShipped, number, a.File);
            }

            name ??= Path.GetFileName(a.File.Trim());
        }
        else if (a.ContentBase64 is not null)
        {
            try
            {
                content = Convert.FromBase64String(a.ContentBase64.Trim());
            }
            catch (FormatException)
            {
                return Problem.Invalid("artifact", ProblemCode.ArtifactNotBase64, number);
            }
        }
        else if (a.Content is not null)
        {
            content = System.Text.Encoding.UTF8.GetBytes(a.Content);
        }
        else
        {
            return Problem.Invalid("artifact", ProblemCode.ArtifactEmpty, number);
        }

        if (content.Length == 0 || content.Length > ScenarioArtifact.MaxBytes)
        {
            return Problem.Invalid("artifact", ProblemCode.ArtifactSize, number, ScenarioArtifact.MaxBytes / 1024 / 1024);
        }

        var isEvtx = content.AsSpan().StartsWith("ElfFile\0"u8);
        ArtifactFormat format;
        if (a.Format is not null)
        {
            if (!WireName<ArtifactFormat>.TryParse(a.Format, out format))
            {
                return Problem.Invalid("artifact", ProblemCode.ArtifactFormatUnknown, number, a.Format);
            }
        }
        else
        {
            format = isEvtx ? ArtifactFormat.Evtx : ArtifactFormat.Jsonl;
        }

        if (format == ArtifactFormat.Evtx && !isEvtx)
        {
            return Problem.Invalid("artifact", ProblemCode.ArtifactNotEvtx, number);
        }

        // JSON lines: the first thing after blanks and a byte-order mark (its bytes EF BB BF) opens an object.
        if (format == ArtifactFormat.Jsonl && (isEvtx || !content.AsSpan().TrimStart(" \t\r\n\uFEFF"u8).StartsWith("{"u8)))
        {
            return Problem.Invalid("artifact", ProblemCode.ArtifactNotJsonLines, number);
        }

        name = string.IsNullOrWhiteSpace(name) ? $"stimulus-{number}.{WireName<ArtifactFormat>.Of(format)}" : Path.GetFileName(name);
        return new ScenarioArtifact(name.Length > 200 ? name[..200] : name, format, content);
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
