namespace Vigie.CommandPost.Common;

/// <summary>Why a request could not be carried out: what kind of refusal, a message for people, and the field at fault.</summary>
public sealed record Problem(ProblemKind Kind, string Message, string? Field = null)
{
    public static Problem Invalid(string field, string message) => new(ProblemKind.Invalid, message, field);

    public static Problem NotFound(string message) => new(ProblemKind.NotFound, message);

    public static Problem Conflict(string message, string? field = null) => new(ProblemKind.Conflict, message, field);

    public static Problem Forbidden(string message) => new(ProblemKind.Forbidden, message);

    public static Problem TooLarge(string field, string message) => new(ProblemKind.TooLarge, message, field);
}
