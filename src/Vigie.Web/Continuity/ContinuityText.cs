namespace Vigie.Web.Continuity;

/// <summary>
/// Texts of continuity of care (ContinuityText.resx: French, the neutral language; ContinuityText.en.resx: English).
/// Slip texts exist in French only: the slip is printed in French whatever the screen's language.
/// </summary>
public sealed class ContinuityText;
