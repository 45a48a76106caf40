using Dapper;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Exercises;

public sealed partial class ExerciseService
{
    private static readonly TimeSpan s_draftLifetime = TimeSpan.FromDays(1);

    /// <summary>Keeps an uploaded file for the pages' mapping step (the person maps the columns, then imports); drafts older than a day go.</summary>
    public Task<string> SaveDraftAsync(byte[] content, string fileName, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = Guid.NewGuid().ToString("N");
        return database.WriteAsync(async unit =>
        {
            var now = Time.Truncate(clock.GetUtcNow());
            await unit.Connection.ExecuteAsync("DELETE FROM exercise_drafts WHERE created_at_us < @old OR created_by = @author",
                new { old = Time.ToMicros(now - s_draftLifetime), author }, unit.Transaction).ConfigureAwait(false);
            await unit.Connection.ExecuteAsync("INSERT INTO exercise_drafts (id, file_name, content, created_by, created_at_us) VALUES (@id, @name, @content, @author, @now)",
                new { id, name = Path.GetFileName(fileName), content, author, now = Time.ToMicros(now) }, unit.Transaction).ConfigureAwait(false);
            return id;
        }, cancellationToken);
    }

    /// <summary>A draft kept for this person (null: none, or someone else's).</summary>
    public Task<(string FileName, byte[] Content)?> LoadDraftAsync(string? id, string author, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async c =>
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length != 32)
            {
                return ((string, byte[])?)null;
            }

            var row = await c.QuerySingleOrDefaultAsync<(string? FileName, byte[]? Content)>(
                "SELECT file_name AS FileName, content AS Content FROM exercise_drafts WHERE id = @id AND created_by = @author", new { id, author }).ConfigureAwait(false);
            return row.Content is null ? null : (row.FileName ?? "scenario", row.Content);
        }, cancellationToken);
}
