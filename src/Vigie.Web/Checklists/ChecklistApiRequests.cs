namespace Vigie.Web.Checklists;

/// <summary>Body of POST /api/v1/incidents/{id}/checklists: the template to apply (ransomware, data_theft, telephony_outage...).</summary>
public sealed record ApplyChecklistRequest(string? TemplateId);

/// <summary>Body of POST /api/v1/incidents/{id}/checklists/{checklistId}/items/{itemId}: done (true to check, false to uncheck), an optional note.</summary>
public sealed record CheckItemRequest(bool? Done, string? Note);

/// <summary>A template as the API lists it.</summary>
public sealed record TemplateResponse(string Id, string Name, string NameEn, string? Description, int Items, string Origin);
