namespace Vigie.CommandPost.Common;

/// <summary>The kinds of refusal; the web host maps them to 400, 404, 409, 403 and 413.</summary>
public enum ProblemKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>The request goes past a bound of size or count (the message names the bound).</summary>
    TooLarge,
}
