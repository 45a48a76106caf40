using System.Data.Common;
using Dapper;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// Crisis exercises played in the command post: a scenario imported as an exercise incident, its clock (DEBEX, pause,
/// speed, FINEX), the stimuli delivered at their time to their recipients (a journal entry of kind <c>stimulus</c> each),
/// the players' answers linked to the stimuli, the observation grid, the hot debrief and the action plan. Everything it
/// writes is in exercise incidents: a real incident is never touched, except when an animator sends an action-plan item
/// to a real incident's remediation plan on purpose. Every change is one transaction with its journal entry (when the
/// players may know of it) and its audit row.
/// </summary>
public sealed partial class ExerciseService(
    Database database,
    JournalService journal,
    AuditLog audit,
    ChangeRecorder changes,
    IncidentService incidents,
    CrisisCellService cell,
    BoardService board,
    SiteCatalogService sites,
    RemediationService remediation,
    ExerciseHunt hunt,
    HospitalClock clock)
{
    /// <summary>Who the journal names for what the exercise clock writes (deliveries): the animation cell.</summary>
    public const string Animation = "animation";

    public const int MaxImportBytes = 24 * 1024 * 1024;

    public HospitalClock Clock => clock;

    public Task<IReadOnlyList<Exercise>> ListAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<Exercise>>(async c =>
            (await c.QueryAsync<ExerciseRows.ExerciseRow>($"SELECT {ExerciseRows.ExerciseColumns} FROM {ExerciseRows.ExerciseFrom} ORDER BY x.incident_id DESC").ConfigureAwait(false))
            .Select(r => r.ToExercise()).ToList(), cancellationToken);

    public Task<Exercise?> GetAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => GetAsync(c, null, incidentId), cancellationToken);

    /// <summary>Counts of the chronogramme: planned (still to play), played, cancelled, total.</summary>
    public Task<StimulusCounts> CountsAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            var rows = (await c.QueryAsync<(string Status, long Count)>(
                "SELECT status AS Status, COUNT(*) AS Count FROM exercise_stimuli WHERE incident_id = @incidentId GROUP BY status", new { incidentId }).ConfigureAwait(false)).ToList();
            long Of(StimulusStatus s) => rows.Where(r => r.Status == WireName<StimulusStatus>.Of(s)).Sum(r => r.Count);
            return new StimulusCounts(Of(StimulusStatus.Prevu) + Of(StimulusStatus.Decale), Of(StimulusStatus.Joue), Of(StimulusStatus.Annule), rows.Sum(r => r.Count));
        }, cancellationToken);

    /// <summary>The objectives of the exercise, in order.</summary>
    public Task<IReadOnlyList<ScenarioObjective>> ObjectivesAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ScenarioObjective>>(async c =>
            (await c.QueryAsync<(string Key, string Text)>("SELECT key AS Key, text AS Text FROM exercise_objectives WHERE incident_id = @incidentId ORDER BY sort",
                new { incidentId }).ConfigureAwait(false)).Select(o => new ScenarioObjective(o.Key, o.Text)).ToList(), cancellationToken);

    /// <summary>The expectations the observers rate (animators and observers only).</summary>
    public Task<IReadOnlyList<ScenarioExpectation>> ExpectationsAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<ScenarioExpectation>>(async c =>
            (await c.QueryAsync<ExpectationRow>(
                "SELECT key AS Key, objective_key AS ObjectiveKey, stimulus_number AS StimulusNumber, text AS Text FROM exercise_expectations WHERE incident_id = @incidentId ORDER BY sort",
                new { incidentId }).ConfigureAwait(false)).Select(e => new ScenarioExpectation(e.Key, e.ObjectiveKey, e.StimulusNumber, e.Text)).ToList(), cancellationToken);

    /// <summary>Every recipient a stimulus may name: the built-in ones and the hospital's crisis roles.</summary>
    public async Task<RecipientCatalog> RecipientsAsync(CancellationToken cancellationToken = default) =>
        RecipientCatalog.Create(await CrisisRolesAsync(cancellationToken).ConfigureAwait(false));

    private async Task<IReadOnlyList<(string Key, string Label, string LabelEn)>> CrisisRolesAsync(CancellationToken cancellationToken) =>
        (await cell.ListRolesAsync(false, cancellationToken).ConfigureAwait(false)).Select(r => (r.Key, r.Label, r.LabelEn)).ToList();

    internal static async Task<Exercise?> GetAsync(DbConnection connection, DbTransaction? transaction, long incidentId, bool forUpdate = false, DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var sql = $"SELECT {ExerciseRows.ExerciseColumns} FROM {ExerciseRows.ExerciseFrom} WHERE x.incident_id = @incidentId" +
                  (forUpdate && kind == DatabaseKind.PostgreSql ? " FOR UPDATE OF x" : "");
        return (await connection.QuerySingleOrDefaultAsync<ExerciseRows.ExerciseRow>(sql, new { incidentId }, transaction).ConfigureAwait(false))?.ToExercise();
    }

    private static Task<Exercise?> GetForUpdateAsync(UnitOfWork unit, long incidentId) =>
        GetAsync(unit.Connection, unit.Transaction, incidentId, forUpdate: true, unit.Kind);

    private static Problem NotAnExercise(long incidentId) => Problem.NotFound(ProblemCode.NotAnExercise, incidentId);

    private static async Task<Stimulus?> StimulusAsync(DbConnection connection, DbTransaction? transaction, long incidentId, long stimulusId) =>
        (await connection.QuerySingleOrDefaultAsync<ExerciseRows.StimulusRow>(
            $"SELECT {ExerciseRows.StimulusColumns} FROM exercise_stimuli WHERE incident_id = @incidentId AND id = @stimulusId",
            new { incidentId, stimulusId }, transaction).ConfigureAwait(false))?.ToStimulus();

    private static async Task<List<Stimulus>> StimuliAsync(DbConnection connection, DbTransaction? transaction, long incidentId) =>
        (await connection.QueryAsync<ExerciseRows.StimulusRow>(
            $"SELECT {ExerciseRows.StimulusColumns} FROM exercise_stimuli WHERE incident_id = @incidentId ORDER BY offset_us + shift_us, sort",
            new { incidentId }, transaction).ConfigureAwait(false)).Select(r => r.ToStimulus()).ToList();

    /// <summary>The exercise time at a past real instant, from the clock's history (null before DEBEX).</summary>
    internal static TimeSpan? ElapsedAt(IReadOnlyList<ExerciseRows.ClockRow> history, DateTimeOffset instant)
    {
        var micros = Time.ToMicros(instant);
        ExerciseRows.ClockRow? last = null;
        foreach (var row in history)
        {
            if (row.AtUs > micros)
            {
                break;
            }

            last = row;
        }

        if (last is null)
        {
            return null;
        }

        var elapsed = last.ElapsedUs + (last.Running != 0 ? (micros - last.AtUs) * last.Speed : 0);
        return ExerciseRows.Span(elapsed);
    }

    internal static async Task<IReadOnlyList<ExerciseRows.ClockRow>> ClockHistoryAsync(DbConnection connection, DbTransaction? transaction, long incidentId) =>
        (await connection.QueryAsync<ExerciseRows.ClockRow>(
            "SELECT at_us AS AtUs, elapsed_us AS ElapsedUs, speed AS Speed, running AS Running FROM exercise_clock WHERE incident_id = @incidentId ORDER BY at_us, id",
            new { incidentId }, transaction).ConfigureAwait(false)).ToList();

    private sealed class ExpectationRow
    {
        public string Key { get; set; } = "";
        public string? ObjectiveKey { get; set; }
        public string? StimulusNumber { get; set; }
        public string Text { get; set; } = "";
    }
}
