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

    // Journal
    OccurredAtInFuture,
    OccurredAtBeforeDetection,
    LinkTypeReserved,
    LinkIncomplete,
    StimulusEntryByPerson,
    JournalEntryNotFound,
    TooManyAttachments,
    AttachmentHashInvalid,
    AttachmentHashMissing,
    AttachmentDuplicate,
    AttachmentNameTooLong,
    AttachmentNotStored,
    EvidenceNotMultipart,
    EvidenceNotOneFile,
    LimitOutOfRange,
    SearchNoWord,
    SearchToBeforeFrom,
    BeforeSeqTooSmall,

    // Page forms
    TimeUnreadable,
    TimeRequired,
    NumberRequired,
    FileRequired,
    FileTooLarge,
    FileEmpty,
    OccurredAtBeforeDetectionNeedsReason,

    // Evidence files
    EvidenceEmpty,
    EvidenceTooLarge,
    EvidenceUnsupportedType,
    EvidenceTooMany,
    ExerciseTimeInvalid,
    EntryNumberNotANumber,
    LinkNothing,
    UnknownAction,

    // Checklists
    DoneRequired,

    // Redirections
    ArrivalSiteRequired,

    // Imports
    CsvFileMissing,
    ScenarioFileMissing,

    // Findings
    RunBatchRequired,
    BodyNotGzip,
    LevelUnknown,

    // Exercises (API)
    ExerciseTimeUnreadable,
    ReactionIdRequired,
    TargetIncidentRequired,

    // Accounts
    TokenLifetimeOutOfRange,

    // Checklists
    ChecklistTemplateRequired,
    ChecklistTemplateUnknown,
    ChecklistAlreadyApplied,
    ChecklistItemNotFound,
    ChecklistItemAlreadyChecked,
    ChecklistItemNotChecked,

    // Reports (key times)
    KeyTimeDetectionIsTheIncidents,
    AtInFuture,
    KeyTimeEntryNotFound,
    KeyTimeEntryInFuture,
    AtBeforeDetection,
    KeyTimeNotByHand,
    KeyTimeAlreadySet,

    // Actions and remediation
    NothingToChangeAction,
    NothingToChangeMeasure,
    ActionNotFound,
    ActionUnchanged,
    MeasureNotFound,
    MeasureUnchanged,

    // Situation point
    NextPointOutOfRange,

    // Crisis cell
    RoleKeyInvalid,
    CrisisRoleNotFound,
    CrisisRoleAlreadyHeld,
    DirectoryEntryNotFound,

    // Accounts
    UserNotFound,
    ActiveUserNotFound,
    LastAdministrator,
    LastEnabledAdministrator,
    TokenNotFound,
    TokenNoMatch,
    UserNameInvalid,
    UserNameTaken,
    SetupLinkInvalid,
    PasswordTooShort,
    PasswordTooLong,
    PasswordContainsName,
    PasswordRepetitive,
    PasswordSequential,
    PasswordCommon,

    // Services board
    StatusReasonRequired,
    NextReviewInPast,
    PlannedReopenInPast,
    NoServiceChosen,
    TooManyServices,
    BulkNoDiversion,
    BulkUnchanged,
    EffectiveAtBeforeDetectionNeedsReason,
    ServiceNotFound,
    ItSystemNoDiversion,
    BulkDiversionOnUnitPage,
    DiversionDetailsRequired,
    DiversionAlreadyInForce,
    ServiceAlreadyNormal,
    ServiceUnchanged,
    ChangeBeforeLastChange,

    // Diversions
    DiversionCustomCategoryRequired,
    ReviewIntervalOutOfRange,
    DiversionStartInFuture,
    PlannedEndBeforeStart,
    PlannedEndInPast,
    DiversionEnded,
    DiversionAlreadyEnded,
    StatusAfterDiversion,

    // Redirection desk
    InitialsRequired,
    InitialsOnlyLetters,
    InitialsLookLikeName,
    ReasonHasIdentifier,
    BirthYearRequired,
    BirthYearOutOfRange,
    SiteUnknown,
    ArrivedAtInFuture,
    ArrivedAtTooOld,
    TriageRequired,
    AmbulatoryRequired,
    Triage1KeptOnSite,
    DestinationRequired,
    TransportNotAmbulatory,
    TransportTriage2,
    FacilityNotInDirectory,
    FacilityIsOwnSite,
    FacilityClosed,
    FacilityClosedSince,
    SubmissionKeyLength,
    SubmissionKeyCharacters,

    // Sites
    SiteCoordinatesRequired,
    CoordinatesOutOfRange,
    EmergencyOnlyClinical,
    SiteServiceNameTaken,
    SiteServiceNotFound,
    SiteNameTaken,

    // Territory directory (facilities)
    ImportTooLarge,
    FinessTaken,
    FacilityInUse,
    FinessInvalid,
    CoordinatesRequired,
    CapabilityUnknown,
    PhoneInvalid,
    YesNoInvalid,
    CoordinateRequired,
    CoordinateInvalid,

    // Findings
    FindingsLimitOutOfRange,
    FindingsCursorInvalid,
    FindingNotFound,
    FindingAlreadyJournaled,
    RunInvalid,
    BatchInvalid,
    TooManyFindings,
    FindingsBatchTooMany,
    FindingsBodyTooLarge,
    FindingsTooManyLines,
    FindingsTooManyRefusedLines,
    FindingsFileEmpty,
    FindingsFileUnreadable,

    // Deadlines (service)
    DeadlineNotFound,
    DraftUnchanged,
    SentAtInFuture,
    SentAtBeforeDetection,
    AlreadySent,
    SendingNotFound,
    QuestionNotFound,
    QuestionAlreadyAnswered,
    StartEventNotFound,
    StartEventFromDetection,
    StartEventFromSending,
    StartEventAlreadySet,

    // Exercises (service)
    SpeedOutOfRange,
    ExerciseAlreadyStarted,
    ExerciseNotRunning,
    ExerciseNotPaused,
    ExerciseNotUnderWay,
    SpeedUnchanged,
    ExerciseAlreadyFinished,
    ExerciseNotStarted,
    ObjectiveOrExpectationRequired,
    ObservedAtInFuture,
    ExpectationUnknown,
    ObjectiveUnknown,
    EvidenceEntryUnknown,
    DebriefTextRequired,
    PlanItemNotFound,
    PlanItemAlreadySent,
    TargetNotARealIncident,
    ScenarioNotFound,
    AnswerKindInvalid,
    ReactionKindInvalid,
    ExerciseEntryNotFound,
    ExerciseActionNotFound,
    AnswerAlreadyLinked,
    RecipientUnknown,
    RecipientUnknownAmong,
    AccountNotFound,
    StimulusNotFound,
    ExerciseNotUnderWayStart,
    StimulusAlreadyInStatus,
    StimulusPlayedMeanwhile,
    ShiftOutOfRange,
    ShiftBeforeStart,
    RecipientsRequired,
    ExerciseTimeOutOfRange,
    ExerciseFinished,
    StimulusNotEditable,

    // Data files (checklists, deadline catalogue, scenarios): {0} says where
    YamlUnreadable,
    FileIdInvalid,
    FileFieldRequired,
    ChecklistItemIdInvalid,
    FileIdUsedTwice,
    ChecklistItemTextRequired,
    ChecklistSectionEmpty,
    ChecklistItemCount,
    ChecklistSuggestedForUnknown,
    DurationRequired,
    DurationInvalid,
    DurationNeedsUnit,
    EventSourceInvalid,
    StartNotAnEvent,
    ReminderZero,
    AppliesWhenNotAQuestion,
    DraftPlaceholderUnknown,
    SentEventNamesNoDeadline,
    DeadlineStartsWhenSent,
    NoDeadlineLeft,
    CatalogIdInvalid,
    MappingPairInvalid,
    MappingFieldUnknown,
    ArtifactNotShipped,
    ArtifactNotBase64,
    ArtifactEmpty,
    ArtifactSize,
    ArtifactFormatUnknown,
    ArtifactNotEvtx,
    ArtifactNotJsonLines,

    // Territory directory import (CSV lines)
    CsvHeaderMissingColumns,
    CsvTooManyLines,
    CsvFieldCount,
    CsvFinessRepeated,
    CsvNoHeader,
}
