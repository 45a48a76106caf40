using System.Globalization;

namespace Vigie.Sigma.Detection;

/// <summary>Numeric comparison (<c>lt</c>, <c>lte</c>, <c>gt</c>, <c>gte</c>) of a value read as a number.</summary>
internal sealed class CompareMatcher(string op, double number) : ValueMatcher
{
    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context) =>
        TryParseNumber(value, out var v) && Compare(op, v, number);

    public static bool Compare(string op, double left, double right) => op switch
    {
        "lt" => left < right,
        "lte" => left <= right,
        "gt" => left > right,
        "gte" => left >= right,
        "neq" => left != right,
        _ => left == right,
    };

    /// <summary>Decimal integers and reals (invariant culture), and hexadecimal with a <c>0x</c> prefix.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double number)
    {
        text = text.Trim();
        if (text.Length > 2 && text[0] == '0' && (text[1] | 0x20) == 'x')
        {
            if (ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                number = hex;
                return true;
            }

            number = 0;
            return false;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    public override string Describe() => $"{op} {number.ToString(CultureInfo.InvariantCulture)}";
}
