using System.Globalization;
using System.Resources;

namespace Vigie.CommandPost.Exercises.Report;

/// <summary>The exercise report's words: French (ExerciseReportText.resx, the neutral language) and English (.en.resx), for the PDF and the print view alike.</summary>
public sealed class ExerciseReportText
{
    private static readonly ResourceManager s_resources = new("Vigie.CommandPost.Exercises.Report.ExerciseReportText", typeof(ExerciseReportText).Assembly);

    private ExerciseReportText(CultureInfo culture) => Culture = culture;

    public CultureInfo Culture { get; }

    public bool English => Culture.TwoLetterISOLanguageName == "en";

    public string this[string key] => s_resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"No exercise report text '{key}'.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>French unless the culture is English.</summary>
    public static ExerciseReportText For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return new ExerciseReportText(culture.TwoLetterISOLanguageName == "en" ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("fr-FR"));
    }
}
