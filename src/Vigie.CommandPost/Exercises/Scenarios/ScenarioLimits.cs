using System.Globalization;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>Limits of a scenario, checked the same way whatever file it came from.</summary>
public static class ScenarioLimits
{
    /// <summary>A national exercise has about 250 stimuli; ten times that is a file error.</summary>
    public const int MaxStimuli = 2_000;

    /// <summary>Any text of a stimulus (content, notes ...): the journal's limit.</summary>
    public const int MaxText = Common.Limits.JournalTextMaxLength;

    public const int MaxShortText = Common.Limits.NameMaxLength;

    public const int MaxObjectives = 100;

    /// <summary>Exercises last 2 to 4 hours, national ones a day; three days is a file error.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3);

    /// <summary>An error when <paramref name="value"/> is longer than <paramref name="max"/> characters, naming the column and the size.</summary>
    public static ScenarioError? Length(int line, string field, string? value, int max) =>
        value is not null && value.Length > max
            ? new ScenarioError(line, field, string.Create(CultureInfo.InvariantCulture, $"{field}: {value.Length} characters, at most {max}."))
            : null;
}
