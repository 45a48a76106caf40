using Dapper;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Exercises;

public sealed partial class ExerciseService
{
    /// <summary>
    /// Runs the hunt on a played stimulus's artefact and records the outcome on the stimulus (findings count, or why it
    /// failed). Findings land in the exercise incident only. Called by the clock worker after a delivery.
    /// </summary>
    public async Task<long?> HuntAsync(long incidentId, long stimulusId, CancellationToken cancellationToken = default)
    {
        if (await ArtifactAsync(incidentId, stimulusId, cancellationToken).ConfigureAwait(false) is not { } artifact)
        {
            return null;
        }

        long? count = null;
        string? note = null;
        try
        {
            var result = await hunt.RunAsync(incidentId, stimulusId, artifact.Name, artifact.Format, artifact.Content, cancellationToken).ConfigureAwait(false);
            if (result.IsOk)
            {
                count = result.Value;
            }
            else
            {
                note = result.Problem.Message;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            note = "hunt failed: " + e.Message;
        }

        await database.WriteAsync(async unit =>
        {
            await unit.Connection.ExecuteAsync("UPDATE exercise_stimuli SET findings = @count, hunt_note = @note WHERE id = @stimulusId AND incident_id = @incidentId",
                new { count, note = note is null ? null : note.Length > 500 ? note[..500] : note, stimulusId, incidentId }, unit.Transaction).ConfigureAwait(false);
            unit.Publish(new IncidentChange(incidentId, ExerciseTopics.Exercise));
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return count;
    }
}
