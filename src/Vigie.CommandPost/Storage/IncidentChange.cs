namespace Vigie.CommandPost.Storage;

/// <summary>Something of an incident changed: live pages showing <paramref name="Topic"/> refresh. Seq is set for journal appends.</summary>
public sealed record IncidentChange(long IncidentId, string Topic, long? Seq = null);
