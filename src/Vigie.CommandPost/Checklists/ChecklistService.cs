using System.Data.Common;
using System.Globalization;
using Dapper;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Checklists;

/// <summary>
/// Reflex checklists of an incident: apply a template (its items are copied), check or uncheck an item with who,
/// when and an optional note. Every change is journaled in the same transaction.
/// </summary>
public sealed class ChecklistService(Database database, JournalService journal, ChangeRecorder changes, TimeProvider time, ChecklistTemplateSource templates)
{
    public const string Topic = "checklists";

    public ChecklistTemplates Templates => templates.Current;

    public Task<IReadOnlyList<Checklist>> ListAsync(long incidentId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(c => ListAsync(c, null, incidentId), cancellationToken);

    public async Task<Checklist?> GetAsync(long incidentId, long checklistId, CancellationToken cancellationToken = default) =>
        (await ListAsync(incidentId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.Id == checklistId);

    /// <summary>Applies a template to the incident (once per template), copying its items.</summary>
    public async Task<Result<Checklist>> ApplyAsync(long incidentId, string? templateId, string author, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(templateId))
        {
            return Problem.Invalid("templateId", ProblemCode.ChecklistTemplateRequired, string.Join(", ", templates.Current.Templates.Select(t => t.Id)));
        }

        var template = templates.Current.Find(templateId.Trim());
        if (template is null)
        {
            return Problem.Invalid("templateId", ProblemCode.ChecklistTemplateUnknown, templateId, string.Join(", ", templates.Current.Templates.Select(t => t.Id)));
        }

        return await database.WriteAsync(async unit =>
        {
            var exists = await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE id = @incidentId", new { incidentId }, unit.Transaction).ConfigureAwait(false);
            if (exists == 0)
            {
                return Problem.NotFound(ProblemCode.IncidentNotFound, incidentId);
            }

            var applied = await unit.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM checklists WHERE incident_id = @incidentId AND template_id = @id",
                new { incidentId, id = template.Id }, unit.Transaction).ConfigureAwait(false);
            if (applied > 0)
            {
                return Problem.Conflict("templateId", ProblemCode.ChecklistAlreadyApplied, template.Name, incidentId);
            }

            var entry = await journal.AppendAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Action,
                FrenchText.Typeset(string.Create(CultureInfo.InvariantCulture, $"Fiche réflexe appliquée : {template.Name} ({template.ItemCount} points).")),
                Link: new JournalLink("checklist", template.Id))).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            var now = Time.Truncate(time.GetUtcNow());
            var id = await unit.Connection.ExecuteScalarAsync<long>(
                "INSERT INTO checklists (incident_id, template_id, name, name_en, applied_at_us, applied_by, journal_seq) VALUES (@incidentId, @templateId, @name, @nameEn, @now, @author, @seq) RETURNING id",
                new { incidentId, templateId = template.Id, name = template.Name, nameEn = template.NameEn, now = Time.ToMicros(now), author, seq = entry.Value.Seq }, unit.Transaction).ConfigureAwait(false);
            var position = 0;
            foreach (var section in template.Sections)
            {
                foreach (var item in section.Items)
                {
                    position++;
                    await unit.Connection.ExecuteAsync(
                        """
                        INSERT INTO checklist_items (checklist_id, position, item_key, section, section_en, text, text_en, hint, hint_en)
                        VALUES (@id, @position, @key, @section, @sectionEn, @text, @textEn, @hint, @hintEn)
                        """,
                        new { id, position, key = item.Id, section = section.Title, sectionEn = section.TitleEn, text = item.Text, textEn = item.TextEn, hint = item.Hint, hintEn = item.HintEn },
                        unit.Transaction).ConfigureAwait(false);
                }
            }

            // The journal entry comes first (the checklist row keeps its seq); the audit line names the new row.
            await changes.RecordAsync(unit, incidentId, author, new AuditLine("checklist.apply", $"incident:{incidentId}/checklist:{id}", template.Id), Topic).ConfigureAwait(false);
            return Result<Checklist>.Ok((await ListAsync(unit.Connection, unit.Transaction, incidentId).ConfigureAwait(false)).Single(c => c.Id == id));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks (or unchecks) an item; journaled with the item's text and the note.</summary>
    public async Task<Result<ChecklistItem>> CheckAsync(long incidentId, long checklistId, long itemId, bool done, string? note, string author, CancellationToken cancellationToken = default)
    {
        if (Limits.Text("note", note, Limits.ShortTextMaxLength, required: false) is { } problem)
        {
            return problem;
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return await database.WriteAsync(async unit =>
        {
            var item = await unit.Connection.QuerySingleOrDefaultAsync<ItemRow>(
                unit.Sql(
                    $"SELECT {ItemRow.Columns}, l.name AS ChecklistName FROM checklist_items i JOIN checklists l ON l.id = i.checklist_id WHERE i.id = @itemId AND l.id = @checklistId AND l.incident_id = @incidentId",
                    $"SELECT {ItemRow.Columns}, l.name AS ChecklistName FROM checklist_items i JOIN checklists l ON l.id = i.checklist_id WHERE i.id = @itemId AND l.id = @checklistId AND l.incident_id = @incidentId FOR UPDATE OF i"),
                new { itemId, checklistId, incidentId }, unit.Transaction).ConfigureAwait(false);
            if (item is null)
            {
                return Problem.NotFound(ProblemCode.ChecklistItemNotFound, incidentId, itemId, checklistId);
            }

            if ((item.CheckedAtUs is not null) == done)
            {
                return (done ? Problem.Conflict("done", ProblemCode.ChecklistItemAlreadyChecked, itemId, item.CheckedBy) : Problem.Conflict("done", ProblemCode.ChecklistItemNotChecked, itemId));
            }

            var text = done
                ? string.Create(CultureInfo.InvariantCulture, $"Fiche « {item.ChecklistName} » — point {item.Position} fait : {item.Text}") + (note is null ? "" : $" ({note})")
                : string.Create(CultureInfo.InvariantCulture, $"Fiche « {item.ChecklistName} » — point {item.Position} décoché (était coché par {item.CheckedBy}) : {item.Text}") + (note is null ? "" : $" ({note})");
            var entry = await changes.RecordAsync(unit, incidentId, author, new NewJournalEntry(JournalKind.Action, FrenchText.Typeset(text),
                    Link: new JournalLink("checklist_item", itemId.ToString(CultureInfo.InvariantCulture))),
                new AuditLine(done ? "checklist.check" : "checklist.uncheck", $"incident:{incidentId}/checklist:{checklistId}/item:{itemId}", note), Topic).ConfigureAwait(false);
            if (!entry.IsOk)
            {
                throw new InvalidOperationException(entry.Problem.Message);
            }

            var now = Time.Truncate(time.GetUtcNow());
            await unit.Connection.ExecuteAsync(
                "UPDATE checklist_items SET checked_at_us = @at, checked_by = @by, note = @note, journal_seq = @seq WHERE id = @itemId",
                new { itemId, at = done ? Time.ToMicros(now) : (long?)null, by = done ? author : null, note, seq = entry.Value.Seq }, unit.Transaction).ConfigureAwait(false);
            item.CheckedAtUs = done ? Time.ToMicros(now) : null;
            item.CheckedBy = done ? author : null;
            item.Note = note;
            item.JournalSeq = entry.Value.Seq;
            return Result<ChecklistItem>.Ok(item.ToItem());
        }, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<IReadOnlyList<Checklist>> ListAsync(DbConnection connection, DbTransaction? transaction, long incidentId)
    {
        var lists = (await connection.QueryAsync<ListRow>(
            "SELECT id AS Id, template_id AS TemplateId, name AS Name, name_en AS NameEn, applied_at_us AS AppliedAtUs, applied_by AS AppliedBy, journal_seq AS JournalSeq FROM checklists WHERE incident_id = @incidentId ORDER BY id",
            new { incidentId }, transaction).ConfigureAwait(false)).ToList();
        if (lists.Count == 0)
        {
            return [];
        }

        var items = (await connection.QueryAsync<ItemRow>(
            $"SELECT {ItemRow.Columns}, i.checklist_id AS ChecklistId FROM checklist_items i JOIN checklists l ON l.id = i.checklist_id WHERE l.incident_id = @incidentId ORDER BY i.checklist_id, i.position",
            new { incidentId }, transaction).ConfigureAwait(false)).ToLookup(i => i.ChecklistId);
        return lists.Select(l => new Checklist(l.Id, incidentId, l.TemplateId, l.Name, l.NameEn, Time.FromMicros(l.AppliedAtUs), l.AppliedBy, l.JournalSeq,
            items[l.Id].Select(i => i.ToItem()).ToList())).ToList();
    }

    private sealed class ListRow
    {
        public long Id { get; set; }
        public string TemplateId { get; set; } = "";
        public string Name { get; set; } = "";
        public string NameEn { get; set; } = "";
        public long AppliedAtUs { get; set; }
        public string AppliedBy { get; set; } = "";
        public long JournalSeq { get; set; }
    }

    private sealed class ItemRow
    {
        public const string Columns =
            "i.id AS Id, i.position AS Position, i.item_key AS ItemKey, i.section AS Section, i.section_en AS SectionEn, i.text AS Text, i.text_en AS TextEn, " +
            "i.hint AS Hint, i.hint_en AS HintEn, i.checked_at_us AS CheckedAtUs, i.checked_by AS CheckedBy, i.note AS Note, i.journal_seq AS JournalSeq";

        public long Id { get; set; }
        public long ChecklistId { get; set; }
        public string ChecklistName { get; set; } = "";
        public long Position { get; set; }
        public string ItemKey { get; set; } = "";
        public string? Section { get; set; }
        public string? SectionEn { get; set; }
        public string Text { get; set; } = "";
        public string TextEn { get; set; } = "";
        public string? Hint { get; set; }
        public string? HintEn { get; set; }
        public long? CheckedAtUs { get; set; }
        public string? CheckedBy { get; set; }
        public string? Note { get; set; }
        public long? JournalSeq { get; set; }

        public ChecklistItem ToItem() => new(Id, (int)Position, ItemKey, Section, SectionEn, Text, TextEn, Hint, HintEn,
            CheckedAtUs is { } at ? Time.FromMicros(at) : null, CheckedBy, Note, JournalSeq);
    }
}
