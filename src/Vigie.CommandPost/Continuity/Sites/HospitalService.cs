namespace Vigie.CommandPost.Continuity.Sites;

/// <summary>
/// A clinical unit or an IT system of a site, as listed on the services board. <paramref name="Emergency"/> marks an
/// emergency department: closing it opens a diversion. <paramref name="Code"/> names the well-known ones
/// (<c>urgences_adultes</c>, <c>dpi</c> ...); services added by hand have none.
/// </summary>
public sealed record HospitalService(long Id, long SiteId, ServiceCategory Category, string? Code, string Name, bool Emergency, int Sort, bool Active);
