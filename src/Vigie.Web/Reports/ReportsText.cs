namespace Vigie.Web.Reports;

/// <summary>RETEX pages (French default in ReportsText.resx, English in ReportsText.en.resx); the report's own words are in Vigie.CommandPost.Reports.ReportText.</summary>
public sealed class ReportsText
{
}
