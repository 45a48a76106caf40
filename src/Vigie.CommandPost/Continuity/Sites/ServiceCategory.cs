namespace Vigie.CommandPost.Continuity.Sites;

/// <summary>Clinical units (wire name <c>clinique</c>) and IT systems (<c>si</c>).</summary>
public enum ServiceCategory
{
    Clinique,
    Si,
}
