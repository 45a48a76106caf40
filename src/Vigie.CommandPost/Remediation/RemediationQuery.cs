using Vigie.CommandPost.Actions;

namespace Vigie.CommandPost.Remediation;

/// <summary>Which measures to list across incidents: of one incident, status, category; open only.</summary>
public sealed record RemediationQuery(long? IncidentId = null, ActionStatus? Status = null, CareDomain? Category = null, bool OpenOnly = false);
