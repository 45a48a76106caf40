using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Journal;

/// <summary>
/// The one way a feature records a change it made in a <see cref="UnitOfWork"/>: the journal entry (chained, same
/// transaction), the audit line (same transaction) and the live notice to the incident's open pages on
/// <c>topic</c> (delivered after the commit). A problem from the journal (unknown incident, bad link) comes back as a
/// problem; returned from <see cref="Database.WriteAsync{T}"/>, it rolls the whole unit back.
/// </summary>
public sealed class ChangeRecorder(JournalService journal, AuditLog audit)
{
    public async Task<Result<JournalEntry>> RecordAsync(UnitOfWork unit, long incidentId, string author, NewJournalEntry entry, AuditLine auditLine, string topic)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(auditLine);
        var appended = await journal.AppendAsync(unit, incidentId, author, entry).ConfigureAwait(false);
        if (!appended.IsOk)
        {
            return appended;
        }

        await audit.WriteAsync(unit, author, auditLine.Action, auditLine.Target, auditLine.Detail).ConfigureAwait(false);
        unit.Publish(new IncidentChange(incidentId, topic));
        return appended;
    }

    /// <summary>
    /// Records a change that has no journal entry (an exercise player's status, a batch of findings): the audit line in
    /// the same transaction and the live notice on <c>topic</c> after the commit.
    /// </summary>
    public async Task RecordAsync(UnitOfWork unit, long incidentId, string author, AuditLine auditLine, string topic)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(auditLine);
        await audit.WriteAsync(unit, author, auditLine.Action, auditLine.Target, auditLine.Detail).ConfigureAwait(false);
        unit.Publish(new IncidentChange(incidentId, topic));
    }
}
