namespace Vigie.CommandPost.Common;

/// <summary>
/// What went wrong, one member per kind of problem: stable (the API sends its wire name as <c>code</c>), with its
/// message in ProblemText.resx (French) and ProblemText.en.resx (English); the arguments of a <see cref="Problem"/> fill the
/// placeholders. Add a member with both texts (a test fails when one is missing); never rename or reuse one.
/// </summary>
public enum ProblemCode
{
    // Any field
    Required,
    TooLong,
    ChoiceRequired,
    ChoiceUnknown,

    // Access and requests
    RoleNotAllowed,
    TokenRequired,
    NoSuchResource,
    BodyNotJson,
    FieldWrongType,
    BadRequest,

    // Conversion fallback (goes when every call site has its code)
    Unconverted,
    NoSuchEndpoint,

    // Incidents
    IncidentNotFound,
    DetectedAtInFuture,
    PhaseAlreadySet,
    EffectiveAtInFuture,
    EffectiveAtBeforeDetection,
    IncidentClosed,

    // Sites and facilities
    SiteNotFound,
    FacilityNotFound,

    // Diversions and redirections
    DiversionNotFound,
    RedirectionNotFound,

    // Evidence
    EvidenceNotOnEntry,
    EvidenceFileMissing,

    // Exercises
    NotAnExercise,
    StimulusNotFoundForYou,
    ArtefactNotFoundForYou,

    // Deadlines
    SentReferenceRequired,
}
