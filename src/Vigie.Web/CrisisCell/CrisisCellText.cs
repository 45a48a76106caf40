namespace Vigie.Web.CrisisCell;

/// <summary>Crisis cell roles and the crisis directory (French default in CrisisCellText.resx, English in CrisisCellText.en.resx).</summary>
public sealed class CrisisCellText
{
}
