namespace Vigie.Hunt;

/// <summary>A Sigma rule level, lowest first. Rules without a level count as informational.</summary>
public enum HuntLevel
{
    /// <summary><c>informational</c>.</summary>
    Informational = 0,

    /// <summary><c>low</c>.</summary>
    Low = 1,

    /// <summary><c>medium</c>.</summary>
    Medium = 2,

    /// <summary><c>high</c>.</summary>
    High = 3,

    /// <summary><c>critical</c>.</summary>
    Critical = 4,
}
