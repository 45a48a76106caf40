using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.Json;

namespace Vigie.CommandPost.Common;

/// <summary>
/// A <see cref="Problem"/> in words: its code's message (ProblemText.resx in French, the neutral language;
/// ProblemText.en.resx in English) with its arguments, instants in the hospital's local time, numbers as the language
/// writes them, French typeset (narrow no-break spaces before : ; ? ! and inside « »).
/// </summary>
public static class ProblemText
{
    private static readonly ResourceManager s_resources = new("Vigie.CommandPost.Common.ProblemText", typeof(ProblemText).Assembly);

    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-GB");

    // The satellite assembly is "en" (ProblemText.en.resx); en-GB formats the numbers.
    private static readonly CultureInfo s_englishResources = CultureInfo.GetCultureInfo("en");

    /// <summary>The wire name of a code ("occurred_at_in_future"): what the API sends as <c>code</c>.</summary>
    public static string WireCode(ProblemCode code) => WireName<ProblemCode>.Of(code);

    /// <summary>The message of a code in a language, placeholders unfilled; null when the resources lack it.</summary>
    public static string? Template(ProblemCode code, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var english = IsEnglish(culture);
        var set = s_resources.GetResourceSet(english ? s_englishResources : CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        return set?.GetString(code.ToString());
    }

    /// <summary>The message in <paramref name="culture"/>'s language (French unless English), instants in <paramref name="zone"/>.</summary>
    public static string Render(Problem problem, CultureInfo culture, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Write(problem, culture, zone);
    }

    /// <summary>The message in English, instants in UTC (logs, exceptions, the command line).</summary>
    public static string English(Problem problem) => Write(problem, s_english, null);

    private static string Write(Problem problem, CultureInfo culture, TimeZoneInfo? zone)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(culture);
        var english = IsEnglish(culture);
        var format = english ? s_english : FrenchText.Culture;
        var template = Template(problem.Code, culture) ?? Template(problem.Code, s_english) ?? problem.Code.ToString();
        var arguments = new object?[problem.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Argument(problem.Arguments[i], zone, english);
        }

        var text = string.Format(format, template, arguments);
        return english ? text : FrenchText.Typeset(text);
    }

    private static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    private static object? Argument(object? value, TimeZoneInfo? zone, bool english) => value switch
    {
        DateTimeOffset instant when zone is null => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        DateTimeOffset instant => $"{LocalTimeText.Format(instant, zone)} ({LocalTimeText.ZoneName(zone, english)})",
        TimeSpan span => LocalTimeText.Duration(span, english),
        Enum e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()),
        string s => s,
        IEnumerable list => string.Join(", ", list.Cast<object?>()),
        _ => value,
    };
}
