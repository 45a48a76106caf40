using System.Globalization;

namespace Vigie.Sigma.Detection;

/// <summary>Numeric comparison (<c>lt</c>, <c>lte</c>, <c>gt</c>, <c>gte</c>) of a value read as a number.</summary>
internal sealed class CompareMatcher(ComparisonOperator op, double number) : ValueMatcher
{
    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context) =>
        TryParseNumber(value, out var v) && Compare(Operator, v, Number);

    public ComparisonOperator Operator { get; } = op;

    public double Number { get; } = number;

    public static bool Compare(ComparisonOperator op, double left, double right) => op switch
    {
        ComparisonOperator.Lt => left < right,
        ComparisonOperator.Lte => left <= right,
        ComparisonOperator.Gt => left > right,
        ComparisonOperator.Gte => left >= right,
        ComparisonOperator.Neq => left != right,
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

    public override string Describe() => $"{Operator.ToString().ToLowerInvariant()} {Number.ToString(CultureInfo.InvariantCulture)}";
}
