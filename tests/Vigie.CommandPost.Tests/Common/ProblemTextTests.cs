using System.Globalization;
using System.Text.RegularExpressions;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Tests.Common;

/// <summary>Every problem code has its words in French and English, with the same placeholders; times read as local time.</summary>
public sealed partial class ProblemTextTests
{
    private static readonly CultureInfo s_french = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo s_english = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public void EveryCode_HasFrenchAndEnglishText_WithTheSamePlaceholders()
    {
        var mistakes = new List<string>();
        foreach (var code in Enum.GetValues<ProblemCode>())
        {
            var french = ProblemText.Template(code, s_french);
            var english = ProblemText.Template(code, s_english);
            if (string.IsNullOrWhiteSpace(french))
            {
                mistakes.Add($"{code}: no French text (ProblemText.resx)");
            }

            if (string.IsNullOrWhiteSpace(english))
            {
                mistakes.Add($"{code}: no English text (ProblemText.en.resx)");
            }

            if (french is not null && english is not null && french == english && english.Any(char.IsLetter))
            {
                mistakes.Add($"{code}: the French text is the English one");
            }

            // French may leave out the API field name that English starts with ({0} on a generic field code).
            if (french is not null && english is not null && !Placeholders(french).IsSubsetOf(Placeholders(english)))
            {
                mistakes.Add($"{code}: French placeholders {string.Join(",", Placeholders(french))} not all in English {string.Join(",", Placeholders(english))}");
            }
        }

        Assert.True(mistakes.Count == 0, string.Join("\n", mistakes));
    }

    [Fact]
    public void EveryCode_HasAStableWireName()
    {
        var names = Enum.GetValues<ProblemCode>().Select(ProblemText.WireCode).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("occurred_at_in_future", ProblemText.WireCode(ProblemCode.OccurredAtInFuture));
    }

    [Fact]
    public void Render_FrenchInLocalTime_EnglishForLogsInUtc()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var problem = Problem.Invalid("occurredAt", ProblemCode.OccurredAtInFuture,
            new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(5));

        var french = ProblemText.Render(problem, s_french, paris);
        Assert.Equal("L’heure des faits 01/01/2027 10:00 (heure de Paris) est dans le futur (heure du serveur\u202F: 07/12/2026 04:00 (heure de Paris)\u202F; 5 min d’écart d’horloge toléré).", french);
        Assert.DoesNotContain("Z", french, StringComparison.Ordinal);

        var english = ProblemText.Render(problem, s_english, paris);
        Assert.StartsWith("occurredAt 01/01/2027 10:00 (Paris time) is in the future", english, StringComparison.Ordinal);
        Assert.Contains("2027-01-01 09:00 UTC", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FieldRules_NumbersAsTheLanguageWritesThem()
    {
        var problem = Limits.Text("text", new string('x', 20_001), Limits.JournalTextMaxLength)!;
        Assert.Equal(ProblemCode.TooLong, problem.Code);
        Assert.Equal("text", problem.Field);
        Assert.Equal("Trop long\u202F: 20\u202F001 caractères, 20\u202F000 au plus.", ProblemText.Render(problem, s_french, TimeZoneInfo.Utc));
        Assert.Equal("text is too long: 20001 characters, at most 20000.", problem.Message);
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();
}
