using System.Globalization;
using System.Resources;

namespace Vigie.CommandPost.Reports;

/// <summary>
/// The report's words, French (ReportText.resx, the neutral language) and English (ReportText.en.resx). The web
/// print view uses the same resources (through IStringLocalizer&lt;ReportText&gt;) so the HTML and the PDF read alike.
/// </summary>
public sealed class ReportText
{
    private static readonly ResourceManager s_resources = new("Vigie.CommandPost.Reports.ReportText", typeof(ReportText).Assembly);

    private ReportText(CultureInfo culture) => Culture = culture;

    public CultureInfo Culture { get; }

    public bool English => Culture.TwoLetterISOLanguageName == "en";

    public string this[string key] => s_resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"No report text '{key}'.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>French unless the culture is English.</summary>
    public static ReportText For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return new ReportText(culture.TwoLetterISOLanguageName == "en" ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("fr-FR"));
    }
}
