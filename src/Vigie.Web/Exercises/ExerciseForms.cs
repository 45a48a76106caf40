using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Exercises.Report;
using Vigie.CommandPost.Reports.Pdf;
using Vigie.Web.Auth;

namespace Vigie.Web.Exercises;

/// <summary>
/// The pages' small form posts (one button per row: the clock, play, shift, cancel, read, send) and downloads (report PDF,
/// YAML export, artefact), antiforgery-checked, each back where it came from with the outcome in the query string.
/// </summary>
internal static class ExerciseForms
{
    public static void MapExerciseForms(this WebApplication app)
    {
        app.MapPost("/exercices/builtin/{key}", async (string key, ExerciseService exercises, HttpContext context) =>
        {
            var imported = await exercises.ImportBuiltInAsync(key, context.User.Name(), context.RequestAborted);
            return Results.LocalRedirect(imported.IsOk ? $"/exercices/{imported.Value.IncidentId}/console?imported=1" : "/exercices?error=builtin");
        }).RequireAuthorization(nameof(Permission.Animate)).ExcludeFromDescription();

        app.MapPost("/exercices/{id:long}/clock/{action}", async (long id, string action, [FromForm] int? speed, ExerciseService exercises, HttpContext context) =>
        {
            var actor = context.User.Name();
            var ct = context.RequestAborted;
            var result = action switch
            {
                "start" => await exercises.StartAsync(id, speed ?? 1, actor, ct),
                "pause" => await exercises.PauseAsync(id, actor, ct),
                "resume" => await exercises.ResumeAsync(id, actor, ct),
                "speed" => await exercises.SetSpeedAsync(id, speed ?? 1, actor, ct),
                "finish" => await exercises.FinishAsync(id, actor, ct),
                _ => CommandPost.Common.Problem.NotFound(CommandPost.Common.ProblemCode.UnknownAction, action),
            };
            return Results.LocalRedirect($"/exercices/{id}/console" + (result.IsOk ? "" : "?error=clock"));
        }).RequireAuthorization(nameof(Permission.Animate)).ExcludeFromDescription();

        app.MapPost("/exercices/{id:long}/stimuli/{stimulusId:long}/{action}", async (long id, long stimulusId, string action, [FromForm] int? minutes, ExerciseService exercises, HttpContext context) =>
        {
            var actor = context.User.Name();
            var ct = context.RequestAborted;
            var ok = action switch
            {
                "play" => (await exercises.PlayNowAsync(id, stimulusId, actor, ct)).IsOk,
                "shift" => (await exercises.ShiftAsync(id, stimulusId, minutes ?? 0, actor, ct)).IsOk,
                "cancel" => (await exercises.CancelAsync(id, stimulusId, actor, ct)).IsOk,
                _ => false,
            };
            return Results.LocalRedirect(string.Create(CultureInfo.InvariantCulture, $"/exercices/{id}/console{(ok ? "" : "?error=stimulus")}#stimulus-{stimulusId}"));
        }).RequireAuthorization(nameof(Permission.Animate)).ExcludeFromDescription();

        app.MapPost("/exercices/{id:long}/inbox/{stimulusId:long}/read", async (long id, long stimulusId, [FromForm] string? back, ExerciseService exercises, HttpContext context) =>
        {
            await exercises.AcknowledgeAsync(id, stimulusId, context.User.Viewer(), context.RequestAborted);
            return Results.LocalRedirect(back is not null && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : $"/incidents/{id}/exercice");
        }).RequireAuthorization(nameof(Permission.Read)).ExcludeFromDescription();

        app.MapPost("/exercices/{id:long}/action-plan/{itemId:long}/send", async (long id, long itemId, [FromForm] long? incidentId, ExerciseService exercises, HttpContext context) =>
        {
            var sent = incidentId is { } target ? (await exercises.SendActionAsync(id, itemId, target, context.User.Name(), context.RequestAborted)).IsOk : false;
            return Results.LocalRedirect(string.Create(CultureInfo.InvariantCulture, $"/exercices/{id}/grille{(sent ? "?sent=1" : "?error=send")}#plan"));
        }).RequireAuthorization(nameof(Permission.Animate)).ExcludeFromDescription();

        app.MapGet("/exercices/{id:long}/rapport.pdf", async (long id, string? lang, ExerciseReportBuilder reports, HttpContext context) =>
            await reports.BuildAsync(id, ExerciseEndpoints.Culture(lang), context.User.Name(), context.RequestAborted) is { } report
                ? Results.File(ReportPdfWriter.Render(report), "application/pdf", ExerciseEndpoints.FileName(id, report.Language))
                : Results.NotFound()).RequireAuthorization(nameof(Permission.Observe)).ExcludeFromDescription();

        app.MapGet("/exercices/{id:long}/export.yaml", async (long id, bool? played, ExerciseService exercises, HttpContext context) =>
            await exercises.ExportAsync(id, played ?? false, context.RequestAborted) is { } yaml
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(yaml), "application/yaml; charset=utf-8", ExerciseEndpoints.ExportName(id, played ?? false))
                : Results.NotFound()).RequireAuthorization(nameof(Permission.Animate)).ExcludeFromDescription();

        app.MapGet("/exercices/{id:long}/stimuli/{stimulusId:long}/artefact", async (long id, long stimulusId, ExerciseService exercises, HttpContext context) =>
        {
            if (await exercises.ReceivedAsync(id, stimulusId, context.User.Viewer(), context.RequestAborted) is null && !context.User.Can(Permission.Animate))
            {
                return Results.NotFound();
            }

            return await exercises.ArtifactAsync(id, stimulusId, context.RequestAborted) is { } artifact
                ? Results.File(artifact.Content, "application/octet-stream", artifact.Name)
                : Results.NotFound();
        }).RequireAuthorization(nameof(Permission.Read)).ExcludeFromDescription();
    }
}
