namespace Vigie.Web.Overview;

/// <summary>The crisis board's words (French default in OverviewText.resx, English in OverviewText.en.resx).</summary>
public sealed class OverviewText
{
}
