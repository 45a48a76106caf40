using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;
using ProblemCode = Vigie.CommandPost.Common.ProblemCode;

namespace Vigie.Web.Journal;

/// <summary>
/// Evidence files: upload (API), and reading an entry's file (API with a token, pages with the session). A file is
/// served with its exact type, never sniffed (nosniff, a sandboxing Content-Security-Policy), shown inline only when it
/// is a PNG, JPEG or WebP image and downloaded (Content-Disposition: attachment) otherwise, so an uploaded HTML or SVG
/// can never run in Vigie's origin. Its address names its hash: cached for good.
/// </summary>
internal static class EvidenceEndpoints
{
    public const string FileField = "file";

    public static RouteGroupBuilder MapEvidenceEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/incidents/{id:long}/evidence", UploadAsync).WithTags("Journal")
            .RequireAuthorization(nameof(Permission.Write))
            .WithDescription($"Stores a file as evidence (multipart/form-data, one part named '{FileField}'): a PNG, JPEG, WebP or HEIC image, a PDF or plain text, read from its bytes, at most the server's limit (20 MiB by default). Answers its sha256, contentType and sizeBytes; attach it with POST /incidents/{{id}}/journal and attachments: [{{sha256, fileName}}]. Content no entry refers to is removed after 24 h. Refusals are 400 (413 beyond the limit) with the field and a code: evidence_empty, evidence_too_large, evidence_unsupported_type.");
        api.MapGet("/incidents/{id:long}/journal/{seq:long}/files/{sha256}", (long id, long seq, string sha256, bool? download, EvidenceService evidence, HttpContext context) =>
                ServeAsync(id, seq, sha256, download == true, evidence, context))
            .WithTags("Journal").RequireAuthorization(nameof(Permission.Read))
            .WithDescription("The bytes of a file an entry carries, with its type; images inline unless download=true, anything else as an attachment.");
        return api;
    }

    /// <summary>The pages' address of an entry's file (cookie session).</summary>
    public static void MapEvidenceFiles(this WebApplication app) =>
        app.MapGet("/incidents/{id:long}/journal/{seq:long}/files/{sha256}", (long id, long seq, string sha256, bool? download, EvidenceService evidence, HttpContext context) =>
                ServeAsync(id, seq, sha256, download == true, evidence, context))
            .RequireAuthorization(nameof(Permission.Read)).ExcludeFromDescription();

    /// <summary>The largest upload body an evidence request may send: its files and the form around them.</summary>
    public static long BodyLimit(long maxBytes, int files) => (maxBytes * files) + (1024 * 1024);

    private static async Task<Results<Created<StoredEvidence>, ProblemHttpResult>> UploadAsync(
        long id, HttpRequest request, EvidenceService evidence, IncidentService incidents, IStringLocalizer<EvidenceText> text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        using var language = ApiLanguage.Use(request);
        if (await incidents.GetAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);
        }

        if (request.ContentLength > BodyLimit(evidence.MaxBytes, 1))
        {
            return Refused(new EvidenceRefused(EvidenceRefusal.TooLarge, FileField, null, evidence.MaxBytes), text, StatusCodes.Status413PayloadTooLarge);
        }

        if (!request.HasFormContentType)
        {
            return ApiProblems.From(CommandPost.Common.Problem.Invalid(FileField, ProblemCode.EvidenceNotMultipart, FileField));
        }

        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile(FileField) is not { } file || form.Files.Count != 1)
        {
            return ApiProblems.From(CommandPost.Common.Problem.Invalid(FileField, ProblemCode.EvidenceNotOneFile, FileField));
        }

        await using var content = file.OpenReadStream();
        var stored = await evidence.StoreAsync(content, FileField, file.FileName, user.Name(), cancellationToken);
        return stored.IsOk
            ? TypedResults.Created(string.Create(CultureInfo.InvariantCulture, $"/api/v1/incidents/{id}/evidence/{stored.Stored.Sha256}"), stored.Stored)
            : Refused(stored.Refused, text, stored.Refused.Code == EvidenceRefusal.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
    }

    private static ProblemHttpResult Refused(EvidenceRefused refused, IStringLocalizer<EvidenceText> text, int status)
    {
        var details = ApiProblems.Details(EvidenceDisplay.Problem(refused, text));
        details.Status = status;
        return TypedResults.Problem(details);
    }

    private static async Task<IResult> ServeAsync(long id, long seq, string sha256, bool download, EvidenceService evidence, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (!EvidenceHash.IsValid(sha256) || await evidence.FindAsync(id, seq, sha256, cancellationToken) is not { } file)
        {
            return ApiProblems.NotFound(ProblemCode.EvidenceNotOnEntry, seq, id);
        }

        var stream = await evidence.OpenAsync(sha256, cancellationToken);
        if (stream is null)
        {
            return ApiProblems.NotFound(ProblemCode.EvidenceFileMissing, sha256, seq, id);
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";
        headers.CacheControl = "private, max-age=31536000, immutable";
        headers.ETag = $"\"{sha256}\"";
        var disposition = new ContentDispositionHeaderValue(file.IsImage && !download ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(stream, file.ContentType);
    }
}
