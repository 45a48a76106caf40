using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Deadlines;

/// <summary>Legal deadlines: the rules, an incident's board, answers, start events, sending, drafts.</summary>
internal static class DeadlineEndpoints
{
    public static RouteGroupBuilder MapDeadlineEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/deadlines/rules", (DeadlineService deadlines) =>
        {
            var c = deadlines.Catalog;
            return TypedResults.Ok(new DeadlineRulesResponse(c.Origin, c.Warning, c.Events, c.Questions, c.Rules.Select(RuleResponse.From).ToList()));
        }).WithTags("Deadlines").RequireAuthorization(nameof(Permission.Read))
          .WithDescription("The deadline rules in force: the shipped deadlines.yaml merged with the hospital's own (warning: why the hospital's file is not used).");

        var group = api.MapGroup("/incidents/{id:long}/deadlines").WithTags("Deadlines");
        group.MapGet("/", GetAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Each deadline with its applicability, start, due time, amber threshold, status and time left (secondsLeft, negative once past).");
        group.MapPut("/questions/{questionId}", AnswerAsync).RequireAuthorization(nameof(Permission.Write));
        group.MapPut("/events/{eventId}", EventAsync).RequireAuthorization(nameof(Permission.Write));
        group.MapPost("/{deadlineId}/sent", SentAsync).RequireAuthorization(nameof(Permission.Write));
        group.MapPost("/{deadlineId}/sent/cancel", CancelAsync).RequireAuthorization(nameof(Permission.Write));
        group.MapGet("/{deadlineId}/draft", DraftAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("The latest saved version, or (version 0) the French text prefilled from the incident.");
        group.MapGet("/{deadlineId}/draft/versions", async (long id, string deadlineId, DeadlineService d, CancellationToken ct) => TypedResults.Ok(await d.DraftHistoryAsync(id, deadlineId, ct)))
            .RequireAuthorization(nameof(Permission.Read));
        group.MapPut("/{deadlineId}/draft", SaveDraftAsync).RequireAuthorization(nameof(Permission.Write));
        return group;
    }

    private static async Task<Results<Ok<DeadlineBoardResponse>, ProblemHttpResult>> GetAsync(long id, DeadlineService deadlines, CancellationToken cancellationToken) =>
        await deadlines.GetBoardAsync(id, cancellationToken) is { } board ? TypedResults.Ok(DeadlineBoardResponse.From(board)) : ApiProblems.NotFound(ProblemCode.IncidentNotFound, id);

    private static async Task<Results<Ok<DeadlineBoardResponse>, ProblemHttpResult>> AnswerAsync(long id, string questionId, AnswerRequest request, DeadlineService deadlines, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var answer = WireName<ApplicabilityAnswer>.ParseField("answer", request.Answer);
        if (!answer.IsOk)
        {
            return ApiProblems.From(answer.Problem);
        }

        return Board(await deadlines.AnswerAsync(id, questionId, answer.Value, user.Name(), cancellationToken));
    }

    private static async Task<Results<Ok<DeadlineBoardResponse>, ProblemHttpResult>> EventAsync(long id, string eventId, EventRequest request, DeadlineService deadlines, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        request.At is not { } at
            ? ApiProblems.From(Problem.Invalid("at", ProblemCode.Required, "at"))
            : Board(await deadlines.SetEventAsync(id, eventId, at, user.Name(), cancellationToken));

    private static async Task<Results<Ok<DeadlineBoardResponse>, ProblemHttpResult>> SentAsync(long id, string deadlineId, SentRequest request, DeadlineService deadlines, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Board(await deadlines.MarkSentAsync(id, deadlineId, request.SentAt, request.Reference, user.Name(), cancellationToken));

    private static async Task<Results<Ok<DeadlineBoardResponse>, ProblemHttpResult>> CancelAsync(long id, string deadlineId, CancelSentRequest request, DeadlineService deadlines, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Board(await deadlines.CancelSentAsync(id, deadlineId, request.Reason, user.Name(), cancellationToken));

    private static async Task<Results<Ok<DeadlineDraft>, ProblemHttpResult>> DraftAsync(long id, string deadlineId, DeadlineService deadlines, CancellationToken cancellationToken)
    {
        var draft = await deadlines.GetDraftAsync(id, deadlineId, cancellationToken);
        return draft.IsOk ? TypedResults.Ok(draft.Value) : ApiProblems.From(draft.Problem);
    }

    private static async Task<Results<Ok<DeadlineDraft>, ProblemHttpResult>> SaveDraftAsync(long id, string deadlineId, DraftRequest request, DeadlineService deadlines, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var saved = await deadlines.SaveDraftAsync(id, deadlineId, request.Text, request.Final, user.Name(), cancellationToken);
        return saved.IsOk ? TypedResults.Ok(saved.Value) : ApiProblems.From(saved.Problem);
    }

    private static Results<Ok<DeadlineBoardResponse>, ProblemHttpResult> Board(Result<DeadlineBoard> result) =>
        result.IsOk ? TypedResults.Ok(DeadlineBoardResponse.From(result.Value)) : ApiProblems.From(result.Problem);
}
