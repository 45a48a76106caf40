namespace Vigie.Web.Situation;

/// <summary>Situation points (French default in SituationText.resx, English in SituationText.en.resx).</summary>
public sealed class SituationText
{
}
