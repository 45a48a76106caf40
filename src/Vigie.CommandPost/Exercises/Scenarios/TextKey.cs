using System.Globalization;
using System.Text;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>Names compared as people write them in spreadsheets: no case, no accents, punctuation as spaces ("Réaction attendue" = "reaction attendue", "N°" = "n").</summary>
public static class TextKey
{
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c) switch { 'œ' => "oe", 'æ' => "ae", var l => l.ToString() });
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }
}
