namespace Vigie.Web.Findings;

/// <summary>Hunt findings (French default in FindingsText.resx, English in FindingsText.en.resx).</summary>
public sealed class FindingsText
{
}
