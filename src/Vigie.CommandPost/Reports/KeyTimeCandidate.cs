namespace Vigie.CommandPost.Reports;

/// <summary>A key time a feature knows (from the journal, the services board...), with where it comes from, for people.</summary>
public sealed record KeyTimeCandidate(KeyTime Key, DateTimeOffset At, string Source);
