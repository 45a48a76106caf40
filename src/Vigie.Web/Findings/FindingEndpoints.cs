using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Journal;
using Vigie.Hunt;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Findings;

/// <summary>Hunt findings of an incident: import (JSON lines, gzip welcome), paged list with filters, per-host summary, figures, pin to the journal.</summary>
internal static class FindingEndpoints
{
    /// <summary>The largest result file the Findings tab accepts: 256 MiB (about 300,000 findings).</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    public static RouteGroupBuilder MapFindingEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/incidents/{id:long}/findings").WithTags("Findings");
        group.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Findings in time order, keyset-paged: pass the answer's `next` as `after` for the following page (`limit` 1-1000, default 100). Filters: `level` (minimum), `host`, `tactic`, `rule` (title or id), `from`, `to` (ISO 8601).");
        group.MapGet("/hosts", HostsAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Per host: count, first and last detection, counts by level and by ATT&CK tactic (same filters as the list).");
        group.MapGet("/statistics", StatisticsAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Totals by level, host and tactic, first and last detection, top rules.");
        group.MapPost("/import", ImportAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Body: the hunt's JSON lines (`vigie hunt --format jsonl`), optionally `Content-Encoding: gzip`. Query: `run` (the hunt run id), `batch` (0, 1, ...), `final` (true on the last batch). A batch already imported for that run is not imported again. " +
                "Bounds, checked as the body streams in: 32 MiB decompressed, 20,000 lines, 10,000 findings and 1,000 refused lines per request (past one: 413 naming it in `bound`, nothing imported); a line over 1 MiB is refused alone.");
        group.MapPost("/{findingId:long}/pin", PinAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Adds a `fait` journal entry for the finding, linked to it; once per finding.");
        return group;
    }

    /// <summary>The Findings page's form posts (antiforgery-checked, cookie session): upload a result file, pin a finding.</summary>
    public static void MapFindingForms(this WebApplication app)
    {
        app.MapPost("/incidents/{id:long}/findings/upload", async (long id, IFormFile? file, FindingService findings, HttpContext context) =>
        {
            string status;
            if (file is null || file.Length == 0)
            {
                status = "upload-empty";
            }
            else
            {
                await using var stream = file.OpenReadStream();
                var imported = await FindingUpload.ImportFileAsync(findings, id, stream, context.User.Name(), context.RequestAborted);
                status = imported.IsOk
                    ? string.Create(CultureInfo.InvariantCulture, $"uploaded-{imported.Value.Imported}-{imported.Value.Duplicates}-{imported.Value.Rejected}")
                    : "upload-invalid";
            }

            return Results.LocalRedirect($"/incidents/{id}/findings?status={status}");
        }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription()
            // The form reader spools the file to disk (memory stays flat); FindingUpload reads it in bounded batches.
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes);

        app.MapPost("/incidents/{id:long}/findings/{findingId:long}/pin", async (long id, long findingId, [FromForm] string? comment, [FromForm] string? back, FindingService findings, HttpContext context) =>
        {
            var pinned = await findings.PinAsync(id, findingId, context.User.Name(), comment, context.RequestAborted);
            var query = back is not null && back.StartsWith('?') ? back : "";
            return Results.LocalRedirect($"/incidents/{id}/findings{query}#f{findingId}");
        }).RequireAuthorization(nameof(Permission.Write)).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<FindingPageResponse>, ProblemHttpResult>> ListAsync(long id, FindingService findings,
        string? level, string? host, string? tactic, string? rule, DateTimeOffset? from, DateTimeOffset? to, string? after, int? limit, CancellationToken cancellationToken)
    {
        var filter = Filter(level, host, tactic, rule, from, to);
        if (!filter.IsOk)
        {
            return ApiProblems.From(filter.Problem);
        }

        var page = await findings.ListAsync(id, filter.Value, after, limit ?? 100, cancellationToken);
        return page.IsOk ? TypedResults.Ok(new FindingPageResponse(page.Value.Items.Select(FindingResponse.From).ToArray(), page.Value.Next)) : ApiProblems.From(page.Problem);
    }

    private static async Task<Results<Ok<IReadOnlyList<FindingHostSummary>>, ProblemHttpResult>> HostsAsync(long id, FindingService findings,
        string? level, string? host, string? tactic, string? rule, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var filter = Filter(level, host, tactic, rule, from, to);
        return filter.IsOk ? TypedResults.Ok(await findings.HostsAsync(id, filter.Value, cancellationToken)) : ApiProblems.From(filter.Problem);
    }

    private static async Task<Ok<FindingStatistics>> StatisticsAsync(long id, FindingService findings, CancellationToken cancellationToken) =>
        TypedResults.Ok(await findings.StatisticsAsync(id, 10, cancellationToken));

    private static async Task<Results<Ok<FindingImportResult>, ProblemHttpResult>> ImportAsync(long id, string? run, int? batch, bool? final,
        FindingService findings, HttpContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(run) || batch is null)
        {
            return ApiProblems.From(Problem.Invalid("run", ProblemCode.RunBatchRequired));
        }

        var body = context.Request.Body;
        var gzip = context.Request.Headers.ContentEncoding.Any(e => string.Equals(e, "gzip", StringComparison.OrdinalIgnoreCase));
        await using var decoded = gzip ? new GZipStream(body, CompressionMode.Decompress, leaveOpen: true) : body;
        var limits = FindingImportLimits.Request;
        using var reader = new FindingStreamReader(decoded, limits);
        FindingBatchRead read;
        try
        {
            read = await reader.ReadBatchAsync(limits.MaxFindings, cut: false, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return ApiProblems.From(Problem.Invalid("body", ProblemCode.BodyNotGzip));
        }

        if (read.Bound != FindingBound.None)
        {
            // Nothing of this request is imported: the client sends smaller batches.
            return ApiProblems.From(read.BoundProblem("body", tooLarge: true), new Dictionary<string, object?> { ["bound"] = WireName<FindingBound>.Of(read.Bound) });
        }

        var imported = await findings.ImportAsync(id, run, batch.Value, final ?? false, read.Rows, read.Errors, user.Name(), read.Refused, cancellationToken);
        return imported.IsOk ? TypedResults.Ok(imported.Value) : ApiProblems.From(imported.Problem);
    }

    private static async Task<Results<Created<JournalEntry>, ProblemHttpResult>> PinAsync(long id, long findingId, PinFindingRequest? request,
        FindingService findings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var pinned = await findings.PinAsync(id, findingId, user.Name(), request?.Comment, cancellationToken);
        return pinned.IsOk
            ? TypedResults.Created($"/api/v1/incidents/{id}/journal/{pinned.Value.Seq}", pinned.Value)
            : ApiProblems.From(pinned.Problem);
    }

    internal static Result<FindingFilter> Filter(string? level, string? host, string? tactic, string? rule, DateTimeOffset? from, DateTimeOffset? to)
    {
        HuntLevel? minLevel = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (!HuntLevels.TryParse(level, out var parsed))
            {
                return Problem.Invalid("level", ProblemCode.LevelUnknown);
            }

            minLevel = parsed;
        }

        return Result<FindingFilter>.Ok(new FindingFilter(minLevel, host, tactic, rule, from, to));
    }
}

/// <summary>A page of findings and the cursor of the next one.</summary>
internal sealed record FindingPageResponse(FindingResponse[] Items, string? Next);

/// <summary>A finding as the API sends it.</summary>
internal sealed record FindingResponse(long Id, DateTimeOffset DetectedAt, string Computer, string Channel, int? EventId, long? RecordId,
    string RuleTitle, string RuleId, string Level, IReadOnlyList<string> Tactics, IReadOnlyList<string> Techniques, string RuleAuthor,
    IReadOnlyDictionary<string, string> Details, string SourceFile, bool Correlation, long? PinnedSeq, string RunId)
{
    public static FindingResponse From(Finding f) => new(f.Id, f.DetectedAt, f.Computer, f.Channel, f.EventId, f.RecordId, f.RuleTitle, f.RuleId,
        HuntLevels.Name(f.Level), f.Tactics, f.Techniques, f.RuleAuthor, f.Details.GroupBy(d => d.Key).ToDictionary(g => g.Key, g => g.First().Value),
        f.SourceFile, f.IsCorrelation, f.PinnedSeq, f.RunId);
}

/// <summary>Body of a pin: an optional comment added to the journal text.</summary>
internal sealed record PinFindingRequest(string? Comment);
