using System.Text;
using System.Text.RegularExpressions;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>
/// Minimal identification only. Initials are 1 to 3 letters (a surname does not fit); the reason is short and may hold
/// no identifier: no long number (social security, phone, patient file), no full date (a birth date), no e-mail address.
/// </summary>
public static partial class PatientDataRules
{
    public const int MaxInitials = 3;
    public const int ReasonMaxLength = 200;
    public const int MinBirthYear = 1900;

    /// <summary>Upper-case letters of the initials ("j.-m. d" is JMD), or a problem.</summary>
    public static Problem? Initials(string? text, out string initials)
    {
        initials = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problem.Invalid("initials", ProblemCode.InitialsRequired);
        }

        var letters = new StringBuilder(MaxInitials);
        foreach (var c in text.Trim())
        {
            if (char.IsLetter(c))
            {
                letters.Append(char.ToUpperInvariant(c));
            }
            else if (c is not ('.' or '-' or ' ' or '\''))
            {
                return Problem.Invalid("initials", ProblemCode.InitialsOnlyLetters);
            }
        }

        if (letters.Length is 0 or > MaxInitials)
        {
            return Problem.Invalid("initials", ProblemCode.InitialsLookLikeName, MaxInitials, text.Trim());
        }

        initials = letters.ToString();
        return null;
    }

    public static Problem? Reason(string? text)
    {
        if (Limits.Text("reason", text, ReasonMaxLength) is { } problem)
        {
            return problem;
        }

        if (LooksLikeIdentifier(text!))
        {
            return Problem.Invalid("reason", ProblemCode.ReasonHasIdentifier);
        }

        return null;
    }

    public static Problem? BirthYear(int? year, int currentYear) =>
        year is null ? Problem.Invalid("birthYear", ProblemCode.BirthYearRequired)
        : year < MinBirthYear || year > currentYear ? Problem.Invalid("birthYear", ProblemCode.BirthYearOutOfRange, MinBirthYear, currentYear)
        : null;

    /// <summary>Nine digits or more in a row (spaces, dots and hyphens between digits ignored), a full date, or an e-mail address.</summary>
    public static bool LooksLikeIdentifier(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('@', StringComparison.Ordinal) || FullDate().IsMatch(text))
        {
            return true;
        }

        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c) || (run > 0 && c is 'A' or 'B' or 'a' or 'b' && IsCorsicanDepartment(text, i)))
            {
                run++;
                if (run >= 9)
                {
                    return true;
                }
            }
            else if (!(run > 0 && c is ' ' or '.' or '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                run = 0;
            }
        }

        return false;
    }

    // A social security number may carry 2A or 2B (Corsica) among its digits.
    private static bool IsCorsicanDepartment(string text, int i) => i > 0 && text[i - 1] == '2';

    [GeneratedRegex(@"\b\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(\d{4}|\d{2})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex FullDate();
}
