using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Exercises.Report;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Reports.Pdf;
using Vigie.Web.Auth;
using Vigie.Web.Common;
using Vigie.Web.Hosting;

namespace Vigie.Web.Exercises;

/// <summary>
/// /api/v1/exercises. Animators (role animateur) import and run exercises and see the whole chronogramme; observers rate
/// the grid; players read their inbox (what this token's user has received) and answer. No answer to a player ever holds
/// an animators' note, an expected reaction, a deliverable or a stimulus addressed to someone else.
/// </summary>
internal static class ExerciseEndpoints
{
    private const string Animate = nameof(Permission.Animate);
    private const string Observe = nameof(Permission.Observe);
    private const string Read = nameof(Permission.Read);
    private const string Write = nameof(Permission.Write);

    public static RouteGroupBuilder MapExerciseEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exercises").WithTags("Exercises");
        group.MapGet("/", ListAsync).RequireAuthorization(Read).WithDescription("Exercise incidents (apart from real incidents) with their clock and counts.");
        group.MapGet("/scenarios", () => TypedResults.Ok(BuiltInScenarios.All)).RequireAuthorization(Animate).WithDescription("The scenarios shipped with Vigie.");
        group.MapPost("/", ImportAsync).RequireAuthorization(Animate).Accepts<string>("application/yaml", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "multipart/form-data")
            .WithDescription(
                "Imports a scenario as a new exercise incident. The body is the file (or multipart/form-data with a field named file), at most 24 MB: Vigie's YAML, or a " +
                "chronogramme as CSV (UTF-8 with or without BOM, or Windows-1252; ';' or ',') or XLSX. name: the file name (tells YAML from CSV when the body is raw). " +
                "title, level (debutant, intermediaire, confirme): for a table. map: a column mapping for another layout (content=Texte;to=Pour;offset=T+). " +
                "201 with the exercise incident's id and the number of stimuli; 400 with every refused line (lines: line, field, message) and nothing imported, " +
                "unless validOnly=true; dryRun=true checks only (200).");
        group.MapPost("/builtin/{key}", ImportBuiltInAsync).RequireAuthorization(Animate).WithDescription("Creates an exercise of a built-in scenario.");
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Read);
        group.MapPost("/{id:long}/start", (long id, SpeedRequest? request, ExerciseService s, TimeProvider t, ClaimsPrincipal u, CancellationToken ct) =>
            ClockAsync(s, t, id, s.StartAsync(id, request?.Speed ?? 1, u.Name(), ct), ct)).RequireAuthorization(Animate).WithDescription("DEBEX: the clock starts (speed 1 = real time, up to 60).");
        group.MapPost("/{id:long}/pause", (long id, ExerciseService s, TimeProvider t, ClaimsPrincipal u, CancellationToken ct) => ClockAsync(s, t, id, s.PauseAsync(id, u.Name(), ct), ct))
            .RequireAuthorization(Animate);
        group.MapPost("/{id:long}/resume", (long id, ExerciseService s, TimeProvider t, ClaimsPrincipal u, CancellationToken ct) => ClockAsync(s, t, id, s.ResumeAsync(id, u.Name(), ct), ct))
            .RequireAuthorization(Animate);
        group.MapPost("/{id:long}/speed", (long id, SpeedRequest request, ExerciseService s, TimeProvider t, ClaimsPrincipal u, CancellationToken ct) =>
            ClockAsync(s, t, id, s.SetSpeedAsync(id, request.Speed ?? 0, u.Name(), ct), ct)).RequireAuthorization(Animate);
        group.MapPost("/{id:long}/finish", (long id, ExerciseService s, TimeProvider t, ClaimsPrincipal u, CancellationToken ct) => ClockAsync(s, t, id, s.FinishAsync(id, u.Name(), ct), ct))
            .RequireAuthorization(Animate).WithDescription("FINEX: the clock stops; stimuli not played stay not played.");

        group.MapGet("/{id:long}/stimuli", StimuliAsync).RequireAuthorization(Animate).WithDescription("The whole chronogramme with status, played time, hidden notes (animators only).");
        group.MapPost("/{id:long}/stimuli", AddAsync).RequireAuthorization(Animate).WithDescription("Adds an unplanned stimulus (at: exercise time \"+01:30\"; none: played now).");
        group.MapPost("/{id:long}/stimuli/{stimulusId:long}/play", PlayAsync).RequireAuthorization(Animate);
        group.MapPost("/{id:long}/stimuli/{stimulusId:long}/shift", ShiftAsync).RequireAuthorization(Animate);
        group.MapPost("/{id:long}/stimuli/{stimulusId:long}/cancel", CancelAsync).RequireAuthorization(Animate);
        group.MapGet("/{id:long}/participants", async (long id, ExerciseService s, CancellationToken ct) => await s.GetAsync(id, ct) is null
                ? (Results<Ok<IReadOnlyList<ExerciseParticipant>>, ProblemHttpResult>)ApiProblems.NotFound(ProblemCode.NotAnExercise, id)
                : TypedResults.Ok(await s.ParticipantsAsync(id, ct)))
            .RequireAuthorization(Animate);
        group.MapPut("/{id:long}/participants/{user}", ParticipantAsync).RequireAuthorization(Animate).WithDescription("The recipients (keys) an account plays.");
        group.MapGet("/{id:long}/progress", async (long id, ExerciseService s, CancellationToken ct) => await s.GetAsync(id, ct) is null
                ? (Results<Ok<IReadOnlyList<RecipientProgress>>, ProblemHttpResult>)ApiProblems.NotFound(ProblemCode.NotAnExercise, id)
                : TypedResults.Ok(await s.ProgressAsync(id, ct)))
            .RequireAuthorization(Animate).WithDescription("Per recipient: stimuli planned, played, answered, last reaction.");

        group.MapGet("/{id:long}/inbox", InboxAsync).RequireAuthorization(Read).WithDescription("What this token's user has received (players: addressed to them or to everyone).");
        group.MapGet("/{id:long}/inbox/{stimulusId:long}", ReceivedAsync).RequireAuthorization(Read);
        group.MapGet("/{id:long}/inbox/{stimulusId:long}/artifact", ArtifactAsync).RequireAuthorization(Read).WithDescription("The log file a technical stimulus carries.");
        group.MapPost("/{id:long}/inbox/{stimulusId:long}/read", ReadAsync).RequireAuthorization(Read);
        group.MapPost("/{id:long}/inbox/{stimulusId:long}/answers", AnswerAsync).RequireAuthorization(Write)
            .WithDescription("Answers a received stimulus with a journal entry linked to it (kind fait, decision, action, communication, note).");
        group.MapPost("/{id:long}/inbox/{stimulusId:long}/links", LinkAsync).RequireAuthorization(Write)
            .WithDescription("Links an existing journal entry (kind journal, id = seq) or action (kind action, id) to the stimulus it answers.");

        group.MapGet("/{id:long}/grid", GridAsync).RequireAuthorization(Observe).WithDescription("Objectives, expectations and observations (observers and animators).");
        group.MapPost("/{id:long}/observations", ObserveAsync).RequireAuthorization(Observe);
        group.MapGet("/{id:long}/debrief", async (long id, ExerciseService s, CancellationToken ct) => await s.GetAsync(id, ct) is null
                ? (Results<Ok<IReadOnlyList<DebriefEntry>>, ProblemHttpResult>)ApiProblems.NotFound(ProblemCode.NotAnExercise, id)
                : TypedResults.Ok(await s.DebriefEntriesAsync(id, ct)))
            .RequireAuthorization(Observe);
        group.MapPost("/{id:long}/debrief", DebriefAsync).RequireAuthorization(Observe).WithDescription("A line of the hot debrief at FINEX, by function.");
        group.MapGet("/{id:long}/action-plan", async (long id, ExerciseService s, CancellationToken ct) => await s.GetAsync(id, ct) is null
                ? (Results<Ok<IReadOnlyList<ActionPlanItem>>, ProblemHttpResult>)ApiProblems.NotFound(ProblemCode.NotAnExercise, id)
                : TypedResults.Ok(await s.ActionPlanAsync(id, ct)))
            .RequireAuthorization(Observe);
        group.MapPost("/{id:long}/action-plan", AddActionAsync).RequireAuthorization(Animate);
        group.MapPost("/{id:long}/action-plan/{itemId:long}/send", SendAsync).RequireAuthorization(Animate)
            .WithDescription("Sends an action-plan item to a real incident's remediation plan (on purpose; once).");
        group.MapGet("/{id:long}/report", ReportAsync).RequireAuthorization(Observe).WithDescription("The exercise report (lang=fr|en).");
        group.MapGet("/{id:long}/report.pdf", ReportPdfAsync).RequireAuthorization(Observe).WithDescription("The exercise report as PDF, EXERCICE on every page (lang=fr|en).");
        group.MapGet("/{id:long}/export.yaml", ExportAsync).RequireAuthorization(Animate)
            .WithDescription("The scenario in Vigie's YAML (re-importable); played=true adds what happened (ignored on import).");
        return group;
    }

    private static async Task<Ok<List<ExerciseResponse>>> ListAsync(ExerciseService exercises, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var list = new List<ExerciseResponse>();
        foreach (var e in await exercises.ListAsync(ct))
        {
            list.Add(ExerciseResponse.From(e, await exercises.CountsAsync(e.IncidentId, ct), now));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<ExerciseResponse>, ProblemHttpResult>> GetAsync(long id, ExerciseService exercises, TimeProvider time, CancellationToken ct) =>
        await exercises.GetAsync(id, ct) is { } e
            ? TypedResults.Ok(ExerciseResponse.From(e, await exercises.CountsAsync(id, ct), time.GetUtcNow()))
            : ApiProblems.NotFound(ProblemCode.NotAnExercise, id);

    private static async Task<Results<Created<ImportResponse>, Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(HttpRequest request, string? name, string? title, string? level,
        string? map, bool? validOnly, bool? dryRun, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var file = await ExerciseUploads.ReadAsync(request, name, ct);
        if (!file.IsOk)
        {
            return ApiProblems.From(file.Problem);
        }

        ScenarioLevel? parsedLevel = null;
        if (level is not null)
        {
            var l = WireName<ScenarioLevel>.ParseField("level", level);
            if (!l.IsOk)
            {
                return ApiProblems.From(l.Problem);
            }

            parsedLevel = l.Value;
        }

        var mapping = ColumnMapping.Parse(request.Query["map"].Count > 1 ? request.Query["map"].ToArray() : [map]);
        if (!mapping.IsOk)
        {
            return ApiProblems.From(mapping.Problem);
        }

        var result = await exercises.ImportAsync(file.Value.Content, file.Value.Name, new ExerciseImportOptions(title, parsedLevel, mapping.Value, validOnly ?? false, dryRun ?? false), user.Name(), ct);
        if (result.Imported)
        {
            return TypedResults.Created($"/api/v1/exercises/{result.IncidentId}", ImportResponse.From(result));
        }

        return (dryRun ?? false) && result.Read.Scenario is not null ? TypedResults.Ok(ImportResponse.From(result)) : Refused(result);
    }

    private static async Task<Results<Created<ImportResponse>, ProblemHttpResult>> ImportBuiltInAsync(string key, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var imported = await exercises.ImportBuiltInAsync(key, user.Name(), ct);
        return imported.IsOk
            ? TypedResults.Created($"/api/v1/exercises/{imported.Value.IncidentId}", ImportResponse.From(imported.Value))
            : ApiProblems.From(imported.Problem);
    }

    /// <summary>400 naming the file, with every refused line.</summary>
    private static ProblemHttpResult Refused(ExerciseImportResult result)
    {
        var errors = result.Read.Errors;
        var first = errors.FirstOrDefault();
        var where = first?.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line}") : "file";
        var detail = errors.Count == 0
            ? "the file holds no stimulus; nothing imported."
            : $"{errors.Count} problem(s), nothing imported (first: {where}{(first!.Field is null ? "" : $", {first.Field}")}: {first.Message}). " +
              (result.Read.HasGoodRows ? "Fix the file, or import the good lines with validOnly=true." : "Fix the file.");
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", extensions: new Dictionary<string, object?>
        {
            ["field"] = "file",
            ["errors"] = new Dictionary<string, string[]> { ["file"] = [detail] },
            ["lines"] = errors,
            ["report"] = ImportResponse.From(result),
        });
    }

    private static async Task<Results<Ok<ExerciseResponse>, ProblemHttpResult>> ClockAsync(ExerciseService exercises, TimeProvider time, long id, Task<Result<Exercise>> change, CancellationToken ct)
    {
        var changed = await change;
        return changed.IsOk ? TypedResults.Ok(ExerciseResponse.From(changed.Value, await exercises.CountsAsync(id, ct), time.GetUtcNow())) : ApiProblems.From(changed.Problem);
    }

    private static async Task<Results<Ok<List<StimulusResponse>>, ProblemHttpResult>> StimuliAsync(long id, ExerciseService exercises, CancellationToken ct)
    {
        if (await exercises.GetAsync(id, ct) is null)
        {
            return ApiProblems.NotFound(ProblemCode.NotAnExercise, id);
        }

        var reactions = await exercises.ReactionsAsync(id, ct);
        return TypedResults.Ok((await exercises.ListStimuliAsync(id, ct)).Select(s => StimulusResponse.From(s, reactions.GetValueOrDefault(s.Id))).ToList());
    }

    private static async Task<Results<Created<StimulusResponse>, ProblemHttpResult>> AddAsync(long id, AddStimulusRequest request, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var channel = WireName<StimulusChannel>.ParseField("channel", request.Channel);
        if (!channel.IsOk)
        {
            return ApiProblems.From(channel.Problem);
        }

        TimeSpan? at = null;
        if (!string.IsNullOrWhiteSpace(request.At))
        {
            at = TimeTexts.ParseOffset(request.At);
            if (at is null)
            {
                return ApiProblems.From(Problem.Invalid("at", ProblemCode.ExerciseTimeUnreadable, request.At));
            }
        }

        var added = await exercises.AddAsync(id, new NewStimulus(channel.Value, request.Sender, request.Recipients, request.Title, request.Content, request.Expected, request.Notes, at), user.Name(), ct);
        return added.IsOk ? TypedResults.Created($"/api/v1/exercises/{id}/stimuli/{added.Value.Id}", StimulusResponse.From(added.Value, null)) : ApiProblems.From(added.Problem);
    }

    private static async Task<Results<Ok<StimulusResponse>, ProblemHttpResult>> PlayAsync(long id, long stimulusId, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var played = await exercises.PlayNowAsync(id, stimulusId, user.Name(), ct);
        return played.IsOk ? TypedResults.Ok(StimulusResponse.From((await exercises.GetStimulusAsync(id, stimulusId, ct))!, null)) : ApiProblems.From(played.Problem);
    }

    private static async Task<Results<Ok<StimulusResponse>, ProblemHttpResult>> ShiftAsync(long id, long stimulusId, ShiftRequest request, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var shifted = await exercises.ShiftAsync(id, stimulusId, request.Minutes ?? 0, user.Name(), ct);
        return shifted.IsOk ? TypedResults.Ok(StimulusResponse.From(shifted.Value, null)) : ApiProblems.From(shifted.Problem);
    }

    private static async Task<Results<Ok<StimulusResponse>, ProblemHttpResult>> CancelAsync(long id, long stimulusId, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var cancelled = await exercises.CancelAsync(id, stimulusId, user.Name(), ct);
        return cancelled.IsOk ? TypedResults.Ok(StimulusResponse.From(cancelled.Value, null)) : ApiProblems.From(cancelled.Problem);
    }

    private static async Task<Results<Ok<ExerciseParticipant>, ProblemHttpResult>> ParticipantAsync(long id, string user, ParticipantRequest request, ExerciseService exercises,
        ClaimsPrincipal principal, CancellationToken ct)
    {
        var set = await exercises.SetParticipantAsync(id, user, request.Recipients ?? [], principal.Name(), ct);
        return set.IsOk ? TypedResults.Ok(set.Value) : ApiProblems.From(set.Problem);
    }

    private static async Task<Results<Ok<List<ReceivedStimulusResponse>>, ProblemHttpResult>> InboxAsync(long id, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct) =>
        await exercises.InboxAsync(id, user.Viewer(), ct) is { } inbox
            ? TypedResults.Ok(inbox.Select(ReceivedStimulusResponse.From).ToList())
            : ApiProblems.NotFound(ProblemCode.NotAnExercise, id);

    private static async Task<Results<Ok<ReceivedStimulusResponse>, ProblemHttpResult>> ReceivedAsync(long id, long stimulusId, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct) =>
        await exercises.ReceivedAsync(id, stimulusId, user.Viewer(), ct) is { } received
            ? TypedResults.Ok(ReceivedStimulusResponse.From(received))
            : ApiProblems.NotFound(ProblemCode.StimulusNotFoundForYou, id, stimulusId);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ArtifactAsync(long id, long stimulusId, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await exercises.ReceivedAsync(id, stimulusId, user.Viewer(), ct) is null || await exercises.ArtifactAsync(id, stimulusId, ct) is not { } artifact)
        {
            return ApiProblems.NotFound(ProblemCode.ArtefactNotFoundForYou, id, stimulusId);
        }

        return TypedResults.File(artifact.Content, artifact.Format == ArtifactFormat.Evtx ? "application/octet-stream" : "application/x-ndjson", artifact.Name);
    }

    private static async Task<Results<Ok<ReceivedStimulusResponse>, ProblemHttpResult>> ReadAsync(long id, long stimulusId, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var read = await exercises.AcknowledgeAsync(id, stimulusId, user.Viewer(), ct);
        return read.IsOk ? TypedResults.Ok(ReceivedStimulusResponse.From(read.Value)) : ApiProblems.From(read.Problem);
    }

    private static async Task<Results<Created<JournalEntry>, ProblemHttpResult>> AnswerAsync(long id, long stimulusId, AnswerRequest request, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var kind = WireName<JournalKind>.ParseField("kind", request.Kind);
        if (!kind.IsOk)
        {
            return ApiProblems.From(kind.Problem);
        }

        var answered = await exercises.AnswerAsync(id, stimulusId, user.Viewer(), kind.Value, request.Text, ct);
        return answered.IsOk ? TypedResults.Created($"/api/v1/incidents/{id}/journal/{answered.Value.Seq}", answered.Value) : ApiProblems.From(answered.Problem);
    }

    private static async Task<Results<Created<ReactionResponse>, ProblemHttpResult>> LinkAsync(long id, long stimulusId, LinkRequest request, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Id is not { } refId)
        {
            return ApiProblems.From(Problem.Invalid("id", ProblemCode.ReactionIdRequired));
        }

        var linked = await exercises.LinkAsync(id, stimulusId, user.Viewer(), request.Kind ?? "", refId, ct);
        return linked.IsOk ? TypedResults.Created($"/api/v1/exercises/{id}/inbox/{stimulusId}", ReactionResponse.From(linked.Value)) : ApiProblems.From(linked.Problem);
    }

    private static async Task<Results<Ok<GridResponse>, ProblemHttpResult>> GridAsync(long id, ExerciseService exercises, CancellationToken ct) =>
        await exercises.GetAsync(id, ct) is null
            ? ApiProblems.NotFound(ProblemCode.NotAnExercise, id)
            : TypedResults.Ok(new GridResponse(await exercises.ObjectivesAsync(id, ct), await exercises.ExpectationsAsync(id, ct), await exercises.ObservationsAsync(id, ct)));

    private static async Task<Results<Created<Observation>, ProblemHttpResult>> ObserveAsync(long id, ObservationRequest request, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var rating = WireName<ObservationRating>.ParseField("rating", request.Rating);
        if (!rating.IsOk)
        {
            return ApiProblems.From(rating.Problem);
        }

        var observed = await exercises.ObserveAsync(id, new NewObservation(request.Objective, request.Expectation, request.Observed, rating.Value, request.ObservedAt, request.Role,
            request.Evidence, request.Comment), user.Name(), ct);
        return observed.IsOk ? TypedResults.Created($"/api/v1/exercises/{id}/grid", observed.Value) : ApiProblems.From(observed.Problem);
    }

    private static async Task<Results<Created<DebriefEntry>, ProblemHttpResult>> DebriefAsync(long id, DebriefRequest request, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var function = WireName<DebriefFunction>.ParseField("function", request.Function);
        if (!function.IsOk)
        {
            return ApiProblems.From(function.Problem);
        }

        var added = await exercises.DebriefAsync(id, function.Value, request.WentWell, request.ToImprove, user.Name(), ct);
        return added.IsOk ? TypedResults.Created($"/api/v1/exercises/{id}/debrief", added.Value) : ApiProblems.From(added.Problem);
    }

    private static async Task<Results<Created<ActionPlanItem>, ProblemHttpResult>> AddActionAsync(long id, ActionPlanRequest request, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        var category = WireName<CareDomain>.ParseField("category", request.Category);
        if (!category.IsOk)
        {
            return ApiProblems.From(category.Problem);
        }

        var added = await exercises.AddActionAsync(id, new NewActionPlanItem(request.Title, category.Value, request.Owner, request.DueAt), user.Name(), ct);
        return added.IsOk ? TypedResults.Created($"/api/v1/exercises/{id}/action-plan", added.Value) : ApiProblems.From(added.Problem);
    }

    private static async Task<Results<Ok<ActionPlanItem>, ProblemHttpResult>> SendAsync(long id, long itemId, SendRequest request, ExerciseService exercises, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.IncidentId is not { } target)
        {
            return ApiProblems.From(Problem.Invalid("incidentId", ProblemCode.TargetIncidentRequired));
        }

        var sent = await exercises.SendActionAsync(id, itemId, target, user.Name(), ct);
        return sent.IsOk ? TypedResults.Ok(sent.Value) : ApiProblems.From(sent.Problem);
    }

    private static async Task<Results<Ok<PostIncidentReport>, ProblemHttpResult>> ReportAsync(long id, string? lang, ExerciseReportBuilder reports, ClaimsPrincipal user, CancellationToken ct) =>
        await reports.BuildAsync(id, Culture(lang), user.Name(), ct) is { } report ? TypedResults.Ok(report) : ApiProblems.NotFound(ProblemCode.NotAnExercise, id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReportPdfAsync(long id, string? lang, ExerciseReportBuilder reports, ClaimsPrincipal user, CancellationToken ct) =>
        await reports.BuildAsync(id, Culture(lang), user.Name(), ct) is { } report
            ? TypedResults.File(ReportPdfWriter.Render(report), "application/pdf", FileName(id, report.Language))
            : ApiProblems.NotFound(ProblemCode.NotAnExercise, id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(long id, bool? played, ExerciseService exercises, CancellationToken ct) =>
        await exercises.ExportAsync(id, played ?? false, ct) is { } yaml
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(yaml), "application/yaml; charset=utf-8", ExportName(id, played ?? false))
            : ApiProblems.NotFound(ProblemCode.NotAnExercise, id);

    internal static CultureInfo Culture(string? lang) => lang is not null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase)
        ? CultureInfo.GetCultureInfo("en-GB")
        : lang is null ? CultureInfo.CurrentUICulture : CultureInfo.GetCultureInfo("fr-FR");

    internal static string FileName(long id, string language) => string.Create(CultureInfo.InvariantCulture, $"vigie-EXERCICE-{id}-rapport-{language}.pdf");

    internal static string ExportName(long id, bool played) => string.Create(CultureInfo.InvariantCulture, $"vigie-EXERCICE-{id}-{(played ? "joue" : "scenario")}.yaml");
}
