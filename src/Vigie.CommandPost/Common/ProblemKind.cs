namespace Vigie.CommandPost.Common;

/// <summary>The kinds of refusal; the web host maps them to 400, 404, 409 and 403.</summary>
public enum ProblemKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}
