namespace Vigie.Web.Live;

/// <summary>What the browser receives: which incident, which topic (journal, actions, roles, incident...), the new seq for the journal.</summary>
public sealed record LiveChange(long IncidentId, string Topic, long? Seq);
