using System.Globalization;

namespace Vigie.Sigma.Detection;

/// <summary>
/// The time modifiers (<c>minute</c>, <c>hour</c>, <c>day</c>, <c>week</c>, <c>month</c>, <c>year</c>): the value
/// is read as a date and time (as written, no time zone conversion) and one part is compared.
/// </summary>
internal sealed class TimePartMatcher(TimePart part, ComparisonOperator op, double number) : ValueMatcher
{
    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd",
    ];

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context)
    {
        if (!TryParse(value, out var time))
        {
            return false;
        }

        double v = Part switch
        {
            TimePart.Minute => time.Minute,
            TimePart.Hour => time.Hour,
            TimePart.Day => time.Day,
            TimePart.Week => ISOWeek.GetWeekOfYear(time),
            TimePart.Month => time.Month,
            _ => time.Year,
        };
        return CompareMatcher.Compare(Operator, v, Number);
    }

    internal static bool TryParse(ReadOnlySpan<char> value, out DateTime time)
    {
        scoped var text = value.Trim();
        // .NET reads at most 7 fractional digits; EVTX writes 9.
        Span<char> buffer = stackalloc char[64];
        var dot = text.IndexOf('.');
        if (dot > 0 && text.Length <= buffer.Length)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text[..(dot + 8)].CopyTo(buffer);
                text[end..].CopyTo(buffer[(dot + 8)..]);
                text = buffer[..(dot + 8 + text.Length - end)];
            }
        }

        return DateTime.TryParseExact(text, s_formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out time);
    }

    public TimePart Part { get; } = part;

    public ComparisonOperator Operator { get; } = op;

    public double Number { get; } = number;

    public override string Describe() => $"{Part.ToString().ToLowerInvariant()} {Operator.ToString().ToLowerInvariant()} {Number.ToString(CultureInfo.InvariantCulture)}";
}
