using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>The exercise tables as Dapper reads them.</summary>
internal static class ExerciseRows
{
    public const string ExerciseColumns =
        "x.incident_id AS IncidentId, i.title AS IncidentTitle, x.scenario_title AS ScenarioTitle, x.level AS Level, x.status AS Status, x.speed AS Speed, " +
        "x.duration_us AS DurationUs, x.start_clock AS StartClock, x.setting AS Setting, x.summary AS Summary, x.source_name AS SourceName, " +
        "x.source_format AS SourceFormat, x.started_at_us AS StartedAtUs, x.finished_at_us AS FinishedAtUs, x.anchor_at_us AS AnchorAtUs, " +
        "x.anchor_elapsed_us AS AnchorElapsedUs, x.created_at_us AS CreatedAtUs, x.created_by AS CreatedBy";

    public const string ExerciseFrom = "exercises x JOIN incidents i ON i.id = x.incident_id";

    public const string StimulusColumns =
        "id AS Id, incident_id AS IncidentId, number AS Number, sort AS Sort, offset_us AS OffsetUs, shift_us AS ShiftUs, channel AS Channel, " +
        "sender AS Sender, recipients AS Recipients, title AS Title, content AS Content, expected AS Expected, deliverable AS Deliverable, notes AS Notes, " +
        "objectives AS Objectives, artifact_name AS ArtifactName, artifact_format AS ArtifactFormat, source_line AS SourceLine, unplanned AS Unplanned, " +
        "status AS Status, played_at_us AS PlayedAtUs, played_elapsed_us AS PlayedElapsedUs, journal_seq AS JournalSeq, findings AS Findings, hunt_note AS HuntNote";

    /// <summary>Micro-seconds of exercise time.</summary>
    public static TimeSpan Span(long micros) => TimeSpan.FromTicks(micros * 10);

    public static long Micros(TimeSpan span) => span.Ticks / 10;

    /// <summary>A list of keys as stored: ",a,b," (so a key is found with LIKE '%,key,%').</summary>
    public static string Keys(IEnumerable<string> keys) => "," + string.Join(",", keys) + ",";

    public static IReadOnlyList<string> Keys(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    internal sealed class ExerciseRow
    {
        public long IncidentId { get; set; }
        public string IncidentTitle { get; set; } = "";
        public string ScenarioTitle { get; set; } = "";
        public string Level { get; set; } = "";
        public string Status { get; set; } = "";
        public long Speed { get; set; }
        public long DurationUs { get; set; }
        public string? StartClock { get; set; }
        public string? Setting { get; set; }
        public string? Summary { get; set; }
        public string SourceName { get; set; } = "";
        public string SourceFormat { get; set; } = "";
        public long? StartedAtUs { get; set; }
        public long? FinishedAtUs { get; set; }
        public long? AnchorAtUs { get; set; }
        public long AnchorElapsedUs { get; set; }
        public long CreatedAtUs { get; set; }
        public string CreatedBy { get; set; } = "";

        public Exercise ToExercise() => new(IncidentId, IncidentTitle, ScenarioTitle, WireName<ScenarioLevel>.Parse(Level), WireName<ExerciseStatus>.Parse(Status),
            (int)Speed, Span(DurationUs), StartClock, Setting, Summary, SourceName, SourceFormat, At(StartedAtUs), At(FinishedAtUs), At(AnchorAtUs),
            Span(AnchorElapsedUs), Time.FromMicros(CreatedAtUs), CreatedBy);
    }

    internal sealed class StimulusRow
    {
        public long Id { get; set; }
        public long IncidentId { get; set; }
        public string Number { get; set; } = "";
        public long Sort { get; set; }
        public long OffsetUs { get; set; }
        public long ShiftUs { get; set; }
        public string Channel { get; set; } = "";
        public string Sender { get; set; } = "";
        public string Recipients { get; set; } = "";
        public string? Title { get; set; }
        public string Content { get; set; } = "";
        public string? Expected { get; set; }
        public string? Deliverable { get; set; }
        public string? Notes { get; set; }
        public string Objectives { get; set; } = "";
        public string? ArtifactName { get; set; }
        public string? ArtifactFormat { get; set; }
        public long SourceLine { get; set; }
        public long Unplanned { get; set; }
        public string Status { get; set; } = "";
        public long? PlayedAtUs { get; set; }
        public long? PlayedElapsedUs { get; set; }
        public long? JournalSeq { get; set; }
        public long? Findings { get; set; }
        public string? HuntNote { get; set; }

        public Stimulus ToStimulus() => new(Id, IncidentId, Number, (int)Sort, Span(OffsetUs), Span(ShiftUs),
            WireName<StimulusChannel>.TryParse(Channel, out var channel) ? channel : StimulusChannel.Autre, Sender, Keys(Recipients), Title, Content,
            Expected, Deliverable, Notes, Keys(Objectives), ArtifactName,
            ArtifactFormat is not null && WireName<ArtifactFormat>.TryParse(ArtifactFormat, out var format) ? format : null,
            (int)SourceLine, Unplanned != 0, WireName<StimulusStatus>.Parse(Status), At(PlayedAtUs), PlayedElapsedUs is { } e ? Span(e) : null,
            JournalSeq, Findings, HuntNote);
    }

    internal sealed class ClockRow
    {
        public long AtUs { get; set; }
        public long ElapsedUs { get; set; }
        public long Speed { get; set; }
        public long Running { get; set; }
    }

    private static DateTimeOffset? At(long? micros) => micros is { } m ? Time.FromMicros(m) : null;
}
