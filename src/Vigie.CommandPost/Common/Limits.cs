namespace Vigie.CommandPost.Common;

/// <summary>Input limits shared by the API, the pages and the domain.</summary>
public static class Limits
{
    public const int JournalTextMaxLength = 20_000;
    public const int TitleMaxLength = 300;
    public const int NameMaxLength = 200;
    public const int ShortTextMaxLength = 500;

    /// <summary>How far in the future an occurredAt may be (clocks of tablets and phones drift).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static Problem? Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Problem.Invalid(field, ProblemCode.Required, field) : null;
        }

        return value.Length > maxLength
            ? Problem.Invalid(field, ProblemCode.TooLong, field, value.Length, maxLength)
            : null;
    }
}
