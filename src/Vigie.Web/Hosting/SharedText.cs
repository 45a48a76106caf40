namespace Vigie.Web.Hosting;

/// <summary>Strings of the layout and of every page (French default in SharedText.resx, English in SharedText.en.resx).</summary>
public sealed class SharedText
{
}
