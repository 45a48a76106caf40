using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Facilities.Import;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Continuity;

/// <summary>/api/v1/facilities: the territory directory of receiving facilities, its statuses and its CSV import.</summary>
internal static class FacilityEndpoints
{
    public static RouteGroupBuilder MapFacilityEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/facilities").WithTags("Facilities");
        group.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.Read));
        group.MapGet("/{facilityId:long}", GetAsync).RequireAuthorization(nameof(Permission.Read));
        group.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.Write));
        group.MapPut("/{facilityId:long}", UpdateAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Replaces the facility's details; its status changes only when status is given.");
        group.MapPut("/{facilityId:long}/status", SetStatusAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("The status as last known: inconnu | ouvert | tension | ferme. Redirections to a facility marked ferme are refused.");
        group.MapDelete("/{facilityId:long}", DeleteAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Only a facility no redirection or site refers to; otherwise 409 (mark it ferme).");
        group.MapPost("/import", ImportAsync).RequireAuthorization(nameof(Permission.Write))
            .Accepts<string>("text/csv", "multipart/form-data")
            .WithDescription(
                "The body is the CSV file (text/csv, or multipart/form-data with a field named file), at most 10 MB: UTF-8 with or without BOM or Windows-1252, comma or semicolon " +
                "separated; columns by name (nom, latitude, longitude required; finess, adresse, code_postal, ville, telephone, tel_urgences, tel_samu, capacites, statut, " +
                "approximatif, notes; the FINESS/Eurostat extract's names are understood too). Lines update the facility with the same FINESS (else the same name) or create one. " +
                "Any refused line: 400 with every refused line (line, field, message) and nothing imported, unless validOnly=true (imports the valid lines). dryRun=true checks and counts only.");
        group.MapPost("/import-sample", ImportSampleAsync).RequireAuthorization(nameof(Permission.Write))
            .WithDescription("Imports the sample directory shipped with Vigie for the Armentières territory (approximate; see its notes).");
        return group;
    }

    private static async Task<Ok<Facility[]>> ListAsync(FacilityService facilities, CancellationToken ct) =>
        TypedResults.Ok((await facilities.ListAsync(ct)).ToArray());

    private static async Task<Results<Ok<Facility>, ProblemHttpResult>> GetAsync(long facilityId, FacilityService facilities, CancellationToken ct) =>
        await facilities.GetAsync(facilityId, ct) is { } facility ? TypedResults.Ok(facility) : ApiProblems.NotFound(ProblemCode.FacilityNotFound, facilityId);

    private static async Task<Results<Created<Facility>, ProblemHttpResult>> CreateAsync(FacilityRequest request, FacilityService facilities, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await facilities.CreateAsync(Input(request), user.Name(), ct);
        return created.IsOk ? TypedResults.Created($"/api/v1/facilities/{created.Value.Id}", created.Value) : ApiProblems.From(created.Problem);
    }

    private static async Task<Results<Ok<Facility>, ProblemHttpResult>> UpdateAsync(long facilityId, FacilityRequest request, FacilityService facilities, ClaimsPrincipal user, CancellationToken ct)
    {
        var updated = await facilities.UpdateAsync(facilityId, Input(request), user.Name(), ct);
        return updated.IsOk ? TypedResults.Ok(updated.Value) : ApiProblems.From(updated.Problem);
    }

    private static async Task<Results<Ok<Facility>, ProblemHttpResult>> SetStatusAsync(long facilityId, FacilityStatusRequest request, FacilityService facilities, ClaimsPrincipal user, CancellationToken ct)
    {
        var status = WireName<FacilityStatus>.ParseField("status", request.Status);
        if (!status.IsOk)
        {
            return ApiProblems.From(status.Problem);
        }

        var updated = await facilities.SetStatusAsync(facilityId, status.Value, request.Note, user.Name(), ct);
        return updated.IsOk ? TypedResults.Ok(updated.Value) : ApiProblems.From(updated.Problem);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long facilityId, FacilityService facilities, ClaimsPrincipal user, CancellationToken ct)
    {
        var deleted = await facilities.DeleteAsync(facilityId, user.Name(), ct);
        return deleted.IsOk ? TypedResults.NoContent() : ApiProblems.From(deleted.Problem);
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(HttpRequest request, bool? validOnly, bool? dryRun, FacilityService facilities,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var content = await ReadFileAsync(request, ct);
        if (!content.IsOk)
        {
            return ApiProblems.From(content.Problem);
        }

        var imported = await facilities.ImportAsync(content.Value, new FacilityImportOptions(validOnly ?? false, dryRun ?? false), user.Name(), ct);
        if (!imported.IsOk)
        {
            return ApiProblems.From(imported.Problem);
        }

        var report = imported.Value;
        return report.Errors.Count > 0 && !report.Imported && !report.DryRun ? Refused(report) : TypedResults.Ok(ImportResponse.From(report));
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportSampleAsync(FacilityService facilities, ClaimsPrincipal user, CancellationToken ct)
    {
        var imported = await facilities.ImportSampleAsync(user.Name(), ct);
        return imported.IsOk ? TypedResults.Ok(ImportResponse.From(imported.Value)) : ApiProblems.From(imported.Problem);
    }

    /// <summary>400 naming the file, with every refused line (line, field, message) and the counts that an import of the valid lines would give.</summary>
    private static ProblemHttpResult Refused(FacilityImportReport report)
    {
        var first = report.Errors[0];
        var detail = $"{report.Refused} line(s) refused, nothing imported (first: line {first.Line}{(first.Field is null ? "" : $", {first.Field}")}: {first.Message}). " +
                     "Fix the file, or import the valid lines with validOnly=true.";
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", extensions: new Dictionary<string, object?>
        {
            ["field"] = "file",
            ["errors"] = new Dictionary<string, string[]> { ["file"] = [detail] },
            ["lines"] = report.Errors,
            ["report"] = ImportResponse.From(report),
        });
    }

    private static async Task<Result<byte[]>> ReadFileAsync(HttpRequest request, CancellationToken ct)
    {
        Stream source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file)
            {
                return Problem.Invalid("file", ProblemCode.CsvFileMissing);
            }

            if (file.Length > FacilityService.MaxImportBytes)
            {
                return Problem.Invalid("file", ProblemCode.FileTooLarge, FacilityService.MaxImportBytes / 1024 / 1024);
            }

            source = file.OpenReadStream();
        }
        else
        {
            source = request.Body;
        }

        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > FacilityService.MaxImportBytes)
                {
                    return Problem.Invalid("file", ProblemCode.FileTooLarge, FacilityService.MaxImportBytes / 1024 / 1024);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.Length == 0 ? Problem.Invalid("file", ProblemCode.FileEmpty) : buffer.ToArray();
        }
    }

    internal static FacilityInput Input(FacilityRequest r) => new(r.Finess, r.Name, r.Address, r.Postcode, r.City, r.Latitude, r.Longitude, r.Approximate ?? false,
        r.Phone, r.EdPhone, r.SamuPhone, r.Capabilities, r.Status, r.Notes);
}
