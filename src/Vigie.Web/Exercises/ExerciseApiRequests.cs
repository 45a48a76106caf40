namespace Vigie.Web.Exercises;

/// <summary>Body of POST /exercises/{id}/start and /speed: speed 1 (real time) to 60.</summary>
public sealed record SpeedRequest(int? Speed);

/// <summary>Body of POST /exercises/{id}/stimuli/{sid}/shift: minutes, negative for earlier.</summary>
public sealed record ShiftRequest(int? Minutes);

/// <summary>Body of POST /exercises/{id}/stimuli: an unplanned stimulus (channel, recipients keys, content; at: "+01:30", null: now).</summary>
public sealed record AddStimulusRequest(string? Channel, string? Sender, IReadOnlyList<string>? Recipients, string? Title, string? Content, string? Expected, string? Notes, string? At);

/// <summary>Body of POST /exercises/{id}/inbox/{sid}/answers: kind fait | decision | action | communication | note, and the text.</summary>
public sealed record AnswerRequest(string? Kind, string? Text);

/// <summary>Body of POST /exercises/{id}/inbox/{sid}/links: kind journal (id = the entry's seq) or action (id = the action's id).</summary>
public sealed record LinkRequest(string? Kind, long? Id);

/// <summary>Body of PUT /exercises/{id}/participants/{user}: the recipients (keys) the account plays.</summary>
public sealed record ParticipantRequest(IReadOnlyList<string>? Recipients);

/// <summary>Body of POST /exercises/{id}/observations. rating: acquis | partiellement_acquis | non_acquis.</summary>
public sealed record ObservationRequest(string? Objective, string? Expectation, string? Observed, string? Rating, DateTimeOffset? ObservedAt, string? Role, long? Evidence, string? Comment);

/// <summary>Body of POST /exercises/{id}/debrief. function: ensemble | direction | main_courante | soins | systemes_information | communication | logistique.</summary>
public sealed record DebriefRequest(string? Function, string? WentWell, string? ToImprove);

/// <summary>Body of POST /exercises/{id}/action-plan. category: a CaRE domain.</summary>
public sealed record ActionPlanRequest(string? Title, string? Category, string? Owner, DateTimeOffset? DueAt);

/// <summary>Body of POST /exercises/{id}/action-plan/{itemId}/send: the real incident whose remediation plan gets the measure.</summary>
public sealed record SendRequest(long? IncidentId);
