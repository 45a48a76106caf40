using System.Collections.Frozen;
using System.Text.Json;

namespace Vigie.CommandPost.Common;

/// <summary>
/// The names enums take on the wire, in the database and in the canonical journal form: snake_case, lower case
/// (<c>ActionStatus.AFaire</c> is <c>a_faire</c>). They never change once released: the journal hashes them.
/// </summary>
public static class WireName<T>
    where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> s_toWire =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, T> s_fromWire =
        s_toWire.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => s_toWire.Values;

    public static string Of(T value) => s_toWire[value];

    public static bool TryParse(string? text, out T value)
    {
        if (text is not null && s_fromWire.TryGetValue(text.Trim().ToLowerInvariant(), out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    public static T Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a {typeof(T).Name}.");

    /// <summary>Parses a required field, or a problem naming the field and the accepted values.</summary>
    public static Result<T> ParseField(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problem.Invalid(field, ProblemCode.ChoiceRequired, field, string.Join(", ", All));
        }

        return TryParse(text, out var value)
            ? value
            : Problem.Invalid(field, ProblemCode.ChoiceUnknown, field, text, string.Join(", ", All));
    }
}
