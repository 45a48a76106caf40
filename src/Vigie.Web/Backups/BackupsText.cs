namespace Vigie.Web.Backups;

/// <summary>The backup panel's words (French default in BackupsText.resx, English in BackupsText.en.resx).</summary>
public sealed class BackupsText
{
}
