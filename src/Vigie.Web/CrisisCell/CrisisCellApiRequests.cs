namespace Vigie.Web.CrisisCell;

/// <summary>Body of PUT /api/v1/incidents/{id}/roles/{role}: the person who takes the role.</summary>
public sealed record AssignRoleRequest(string? User);

/// <summary>Body of PUT /api/v1/crisis-roles/{key}.</summary>
public sealed record SaveRoleRequest(string? Label, string? LabelEn, int? Sort, bool? Active);
