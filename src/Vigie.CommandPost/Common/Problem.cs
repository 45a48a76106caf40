namespace Vigie.CommandPost.Common;

/// <summary>
/// Why a request could not be carried out: what kind of refusal (<see cref="ProblemKind"/>, the HTTP status), what
/// happened (<see cref="ProblemCode"/>, stable), the field at fault and the values its message names (numbers, instants
/// as <see cref="DateTimeOffset"/>, names). The words live in ProblemText.resx (French) and ProblemText.en.resx
/// (English); <see cref="ProblemText"/> renders them in the reader's language and the hospital's time zone.
/// </summary>
public sealed record Problem(ProblemKind Kind, ProblemCode Code, string? Field, IReadOnlyList<object?> Arguments)
{
    /// <summary>The message in English, instants in UTC: for logs, exceptions and the command line.</summary>
    public string Message => ProblemText.English(this);

    public static Problem Invalid(string field, ProblemCode code, params object?[] arguments) => new(ProblemKind.Invalid, code, field, arguments);

    public static Problem NotFound(ProblemCode code, params object?[] arguments) => new(ProblemKind.NotFound, code, null, arguments);

    public static Problem Conflict(string? field, ProblemCode code, params object?[] arguments) => new(ProblemKind.Conflict, code, field, arguments);

    public static Problem Forbidden(ProblemCode code, params object?[] arguments) => new(ProblemKind.Forbidden, code, null, arguments);

    public static Problem TooLarge(string field, ProblemCode code, params object?[] arguments) => new(ProblemKind.TooLarge, code, field, arguments);
}
