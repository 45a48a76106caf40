using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Journal;

/// <summary>/api/v1/incidents/{id}/journal: append (with attached files), read (paged), search, correct, verify.</summary>
internal static class JournalEndpoints
{
    public static RouteGroupBuilder MapJournalEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents/{id:long}/journal").WithTags("Journal");
        group.MapPost("/", AppendAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("occurredAt is never after now (a few minutes ahead count as now); before the incident's detection it needs occurredAtReason, which the entry's text then carries. link.type cannot be one Vigie's operations write (phase, key_time, role, action...).");
        group.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription($"Entries in seq order. Paging: afterSeq (default 0) and limit (default and maximum {JournalQuery.DefaultLimit}), so one call returns a journal of up to 10,000 entries; nextAfterSeq is set when more may follow.");
        group.MapGet("/search", SearchAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription($"Entries that match every criterion, newest first. q: words that must each start a word of the entry's text (accents and case ignored; punctuation separates words); author (exact), kind, from and to (occurredAt, ISO 8601, both included). Paging: limit (default {JournalSearchQuery.DefaultLimit}, at most {JournalSearchQuery.MaxLimit}) and beforeSeq (the previous page's nextBeforeSeq).");
        group.MapGet("/verify", VerifyAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Checks the hash chain and every attached file (present, and hashing to its SHA-256). firstBrokenSeq is the first entry whose link is broken or whose file is missing or altered; fileFaults lists every such file.");
        group.MapPost("/{seq:long}/corrections", CorrectAsync).RequireAuthorization(nameof(Permission.Write));
        return group;
    }

    private static async Task<Results<Created<JournalEntry>, ProblemHttpResult>> AppendAsync(
        long id, AppendJournalRequest request, JournalService journal, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kind = WireName<JournalKind>.ParseField("kind", request.Kind);
        if (!kind.IsOk)
        {
            return ApiProblems.From(kind.Problem);
        }

        if (kind.Value == JournalKind.Stimulus)
        {
            return ApiProblems.From(Problem.Invalid("kind", ProblemCode.StimulusEntryByPerson));
        }

        JournalLink? link = null;
        if (request.Link is { } l)
        {
            if (string.IsNullOrWhiteSpace(l.Type) || string.IsNullOrWhiteSpace(l.Id))
            {
                return ApiProblems.From(Problem.Invalid("link", ProblemCode.LinkIncomplete));
            }

            link = new JournalLink(l.Type.Trim(), l.Id.Trim());
        }

        var attachments = new List<NewAttachment>();
        for (var i = 0; i < (request.Attachments?.Count ?? 0); i++)
        {
            if (request.Attachments![i] is not { Sha256: { } sha } attachment)
            {
                return ApiProblems.From(Problem.Invalid($"attachments[{i}].sha256", ProblemCode.AttachmentHashMissing, i));
            }

            attachments.Add(new NewAttachment(sha.Trim(), attachment.FileName ?? ""));
        }

        var appended = await journal.AppendAsync(id, user.Name(), new NewJournalEntry(kind.Value, request.Text ?? "", request.OccurredAt, Link: link, OccurredAtReason: request.OccurredAtReason) { Attachments = attachments }, cancellationToken);
        return appended.IsOk
            ? TypedResults.Created($"/api/v1/incidents/{id}/journal/{appended.Value.Seq}", appended.Value)
            : ApiProblems.From(appended.Problem);
    }

    private static async Task<Results<Ok<JournalPage>, ProblemHttpResult>> ListAsync(
        long id, long? afterSeq, int? limit, string? kind, JournalService journal, IncidentService incidents, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > JournalQuery.MaxLimit)
        {
            return ApiProblems.From(Problem.Invalid("limit", ProblemCode.LimitOutOfRange, JournalQuery.MaxLimit));
        }

        JournalKind? filter = null;
        if (kind is not null)
        {
            var parsed = WireName<JournalKind>.ParseField("kind", kind);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            filter = parsed.Value;
        }

        if (await incidents.GetAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);
        }

        var query = new JournalQuery(afterSeq ?? 0, limit ?? JournalQuery.DefaultLimit, filter);
        var entries = await journal.ListAsync(id, query, cancellationToken);
        long? next = entries.Count == query.Limit ? entries[^1].Seq : null;
        return TypedResults.Ok(new JournalPage(id, query.AfterSeq, query.Limit, entries.Count, next, entries));
    }

    private static async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> VerifyAsync(long id, JournalService journal, CancellationToken cancellationToken) =>
        await journal.VerifyAsync(id, cancellationToken) is { } result
            ? TypedResults.Ok(new VerifyResponse(result.Valid, result.Entries, result.FirstBrokenSeq, result.HeadHash, result.Reason, result.FilesChecked,
                result.FileFaults.Select(f => new FileFaultResponse(f.Seq, f.Sha256, f.FileName, WireName<EvidenceState>.Of(f.State))).ToList()))
            : ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);

    private static async Task<Results<Ok<JournalSearchPage>, ProblemHttpResult>> SearchAsync(
        long id, string? q, string? author, string? kind, DateTimeOffset? from, DateTimeOffset? to, int? limit, long? beforeSeq,
        JournalSearch search, IncidentService incidents, CancellationToken cancellationToken)
    {
        JournalKind? filter = null;
        if (kind is not null)
        {
            var parsed = WireName<JournalKind>.ParseField("kind", kind);
            if (!parsed.IsOk)
            {
                return ApiProblems.From(parsed.Problem);
            }

            filter = parsed.Value;
        }

        var query = new JournalSearchQuery(q, author, filter, from, to, limit ?? JournalSearchQuery.DefaultLimit, beforeSeq);
        if (JournalSearch.Validate(query) is { } problem)
        {
            return ApiProblems.From(problem);
        }

        if (await incidents.GetAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);
        }

        var found = await search.SearchAsync(id, query, cancellationToken);
        return found.IsOk
            ? TypedResults.Ok(new JournalSearchPage(id, found.Value.Terms, found.Value.Entries.Count, found.Value.NextBeforeSeq, found.Value.Entries))
            : ApiProblems.From(found.Problem);
    }

    private static async Task<Results<Created<JournalEntry>, ProblemHttpResult>> CorrectAsync(
        long id, long seq, CorrectionRequest request, JournalService journal, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var corrected = await journal.CorrectAsync(id, seq, user.Name(), request.Text ?? "", cancellationToken);
        return corrected.IsOk
            ? TypedResults.Created($"/api/v1/incidents/{id}/journal/{corrected.Value.Seq}", corrected.Value)
            : ApiProblems.From(corrected.Problem);
    }

    public sealed record VerifyResponse(bool Valid, long Entries, long? FirstBrokenSeq, string HeadHash, string? Reason, int FilesChecked, IReadOnlyList<FileFaultResponse> FileFaults);

    /// <summary>A file an entry carries that is missing (state: missing) or no longer matches its hash (state: altered).</summary>
    public sealed record FileFaultResponse(long Seq, string Sha256, string FileName, string State);
}
