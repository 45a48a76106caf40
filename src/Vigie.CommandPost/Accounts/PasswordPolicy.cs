using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Vigie.CommandPost.Accounts;

/// <summary>
/// What a password must be, after NIST SP 800-63B (section 3.1.1.2) and the ANSSI's advice: long enough (12 to 200
/// characters, spaces and any character allowed), not the account's own name, not one character or a short group
/// repeated, not a run of the alphabet, the digits or a keyboard row, and not a common password or word (the list
/// shipped in <c>Data/common-passwords.txt</c>), doubled, with digits or symbols around it, or with letters swapped for
/// look-alike digits. No composition rule (no "one capital, one digit"): they make passwords harder to remember, not
/// to guess. The stored hash is of the password as typed; the normalisation here is only for these checks.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 200;

    /// <summary>Runs of these (either way) count as sequential: the alphabet, the digits (wrapping), keyboard rows.</summary>
    private static readonly string[] s_sequences =
    [
        "abcdefghijklmnopqrstuvwxyz", "01234567890", "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm",
    ];

    private static readonly Lazy<FrozenSet<string>> s_common = new(LoadCommon);

    /// <summary>How many entries the shipped list has.</summary>
    public static int CommonCount => s_common.Value.Count;

    /// <summary>Null when the password is acceptable for this account; otherwise the first reason it is not.</summary>
    public static PasswordWeakness? Check(string? password, string? name, string? displayName)
    {
        if (password is null || password.Normalize(NormalizationForm.FormC).EnumerateRunes().Count() < MinLength)
        {
            return PasswordWeakness.TooShort;
        }

        if (password.Length > MaxLength)
        {
            return PasswordWeakness.TooLong;
        }

        var folded = Fold(password);
        var compact = Compact(folded);
        if (ContainsName(compact, name, displayName))
        {
            return PasswordWeakness.ContainsName;
        }

        if (IsRepeatedUnit(folded) || Distinct(folded) <= 3)
        {
            return PasswordWeakness.Repetitive;
        }

        if (RunsCover(folded, out var onlyRepeats))
        {
            return onlyRepeats ? PasswordWeakness.Repetitive : PasswordWeakness.Sequential;
        }

        return IsCommon(compact) ? PasswordWeakness.Common : null;
    }

    /// <summary>A random password people can type (see <see cref="PasswordHasher.Generate"/>) that this policy accepts for the account.</summary>
    public static string Generate(string? name, string? displayName)
    {
        for (var i = 0; i < 1_000; i++)
        {
            var password = PasswordHasher.Generate();
            if (Check(password, name, displayName) is null)
            {
                return password;
            }
        }

        throw new InvalidOperationException("No acceptable random password in 1,000 tries: the policy is broken.");
    }

    /// <summary>Lower case, accents removed (é → e), compatibility forms folded (ﬁ → fi, full-width → ASCII).</summary>
    private static string Fold(string password)
    {
        var decomposed = password.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Without white space and the usual separators, so "Vigie-Vigie 2026" reads as "vigievigie2026".</summary>
    private static string Compact(string folded)
    {
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && c is not ('-' or '_' or '.' or ',' or '\'' or '/' or '+'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool ContainsName(string compact, string? name, string? displayName)
    {
        if (name is { } login && Compact(Fold(login)) is { Length: >= 3 } loginKey && compact.Contains(loginKey, StringComparison.Ordinal))
        {
            return true;
        }

        if (displayName is null)
        {
            return false;
        }

        var word = new StringBuilder();
        foreach (var c in Fold(displayName) + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length >= 4 && compact.Contains(word.ToString(), StringComparison.Ordinal))
            {
                return true;
            }

            word.Clear();
        }

        return false;
    }

    /// <summary>The whole password is a group of fewer than 8 characters said at least twice ("ab12ab12ab12").</summary>
    private static bool IsRepeatedUnit(string folded)
    {
        for (var unit = 1; unit < 8 && unit <= folded.Length / 2; unit++)
        {
            if (folded.Length % unit != 0)
            {
                continue;
            }

            var repeated = true;
            for (var i = unit; i < folded.Length && repeated; i++)
            {
                repeated = folded[i] == folded[i - unit];
            }

            if (repeated)
            {
                return true;
            }
        }

        return false;
    }

    private static int Distinct(string folded)
    {
        var seen = new HashSet<char>();
        foreach (var c in folded)
        {
            seen.Add(c);
        }

        return seen.Count;
    }

    /// <summary>
    /// Whether runs of three or more characters, each the same as or next to the one before (in the alphabet, the digits
    /// or along a keyboard row), cover all the password but at most two characters.
    /// </summary>
    private static bool RunsCover(string folded, out bool onlyRepeats)
    {
        var covered = 0;
        var start = 0;
        onlyRepeats = true;
        var runRepeatsOnly = true;
        for (var i = 1; i <= folded.Length; i++)
        {
            var repeat = i < folded.Length && folded[i] == folded[i - 1];
            if (i < folded.Length && (repeat || Adjacent(folded[i - 1], folded[i])))
            {
                runRepeatsOnly &= repeat;
                continue;
            }

            if (i - start >= 3)
            {
                covered += i - start;
                onlyRepeats &= runRepeatsOnly;
            }

            start = i;
            runRepeatsOnly = true;
        }

        return covered > 0 && folded.Length - covered <= 2;
    }

    private static bool Adjacent(char a, char b)
    {
        foreach (var sequence in s_sequences)
        {
            var i = sequence.IndexOf(a, StringComparison.Ordinal);
            while (i >= 0)
            {
                if ((i + 1 < sequence.Length && sequence[i + 1] == b) || (i > 0 && sequence[i - 1] == b))
                {
                    return true;
                }

                i = sequence.IndexOf(a, i + 1);
            }
        }

        return false;
    }

    private static bool IsCommon(string compact)
    {
        var stripped = Strip(compact);
        foreach (var candidate in new[] { compact, stripped, Unleet(compact), Unleet(stripped), Strip(Unleet(compact)) })
        {
            if (candidate.Length >= 4 && (s_common.Value.Contains(candidate) || IsTwoEntries(candidate)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Two entries end to end ("jetaimejetaime", "soleilmarseille").</summary>
    private static bool IsTwoEntries(string candidate)
    {
        if (candidate.Length > 60)
        {
            return false;
        }

        var common = s_common.Value;
        for (var split = 4; split <= candidate.Length - 4; split++)
        {
            if (common.Contains(candidate[..split]) && common.Contains(candidate[split..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Without the digits and symbols before the first letter and after the last ("2024motdepasse!!" → "motdepasse").</summary>
    private static string Strip(string compact)
    {
        var first = 0;
        while (first < compact.Length && !char.IsLetter(compact[first]))
        {
            first++;
        }

        var last = compact.Length - 1;
        while (last >= first && !char.IsLetter(compact[last]))
        {
            last--;
        }

        return first > last ? compact : compact[first..(last + 1)];
    }

    /// <summary>Look-alike digits and symbols read as the letters they stand for ("p@ssw0rd" → "password").</summary>
    private static string Unleet(string compact)
    {
        var builder = new StringBuilder(compact.Length);
        foreach (var c in compact)
        {
            builder.Append(c switch
            {
                '0' => 'o',
                '1' or '!' or '|' => 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                '8' => 'b',
                '9' => 'g',
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("accounts/common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var entries = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length >= 4 && entry[0] != '#')
            {
                entries.Add(entry);
            }
        }

        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
