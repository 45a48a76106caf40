namespace Vigie.Hunt;

/// <summary>Sigma level names (<c>informational</c> … <c>critical</c>) to and from <see cref="HuntLevel"/>.</summary>
public static class HuntLevels
{
    /// <summary>Every level, lowest first.</summary>
    public static IReadOnlyList<HuntLevel> All { get; } =
        [HuntLevel.Informational, HuntLevel.Low, HuntLevel.Medium, HuntLevel.High, HuntLevel.Critical];

    /// <summary>The Sigma name: <c>informational</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>.</summary>
    public static string Name(HuntLevel level) => level switch
    {
        HuntLevel.Low => "low",
        HuntLevel.Medium => "medium",
        HuntLevel.High => "high",
        HuntLevel.Critical => "critical",
        _ => "informational",
    };

    /// <summary>Parses a Sigma level name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out HuntLevel level)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "INFORMATIONAL" or "INFO":
                level = HuntLevel.Informational;
                return true;
            case "LOW":
                level = HuntLevel.Low;
                return true;
            case "MEDIUM":
                level = HuntLevel.Medium;
                return true;
            case "HIGH":
                level = HuntLevel.High;
                return true;
            case "CRITICAL":
                level = HuntLevel.Critical;
                return true;
            default:
                level = HuntLevel.Informational;
                return false;
        }
    }

    /// <summary>The level of a rule's <c>level:</c> text; informational when missing or unknown.</summary>
    public static HuntLevel OfRule(string? text) => TryParse(text, out var level) ? level : HuntLevel.Informational;
}
