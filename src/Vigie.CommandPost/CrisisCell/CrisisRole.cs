namespace Vigie.CommandPost.CrisisCell;

/// <summary>A role of the crisis cell (editable list): a stable key, French and English labels, display order.</summary>
public sealed record CrisisRole(string Key, string Label, string LabelEn, int Sort, bool Active);
