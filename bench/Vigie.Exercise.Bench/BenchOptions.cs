using System.Globalization;

namespace Vigie.Exercise.Bench;

/// <summary>
/// The bench's options: --database FILE|CONNSTRING (default: a SQLite file in a temporary folder), --players N (20),
/// --stimuli N (60), --hours H (2; decimals allowed), --speed N (60: the exercise clock's factor, 1 to 60),
/// --answer-every N (2: each player answers one stimulus in N of those it receives), --no-heartbeat (pages ping
/// /live/ping every 2 s as live.js does; this leaves it out).
/// </summary>
internal sealed record BenchOptions(string? Database, int Players, int Stimuli, double Hours, int Speed, int AnswerEvery, bool Heartbeat)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var options = new BenchOptions(Value("--database"), Number("--players", 20), Number("--stimuli", 60),
            Value("--hours") is { } h ? double.Parse(h, CultureInfo.InvariantCulture) : 2, Number("--speed", 60), Number("--answer-every", 2), !args.Contains("--no-heartbeat"));
        return options switch
        {
            { Players: < 1 } => throw new ArgumentException("--players must be at least 1"),
            { Stimuli: < 1 or > 500 } => throw new ArgumentException("--stimuli must be 1 to 500"),
            { Hours: <= 0 or > 24 } => throw new ArgumentException("--hours must be more than 0 and at most 24"),
            { Speed: < 1 or > 60 } => throw new ArgumentException("--speed must be 1 to 60 (the exercise clock's range)"),
            { AnswerEvery: < 1 } => throw new ArgumentException("--answer-every must be at least 1"),
            _ => options,
        };
    }

    /// <summary>"SQLite" or "PostgreSQL", for the table's title.</summary>
    public string DatabaseLabel => Database is not null && Database.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? "PostgreSQL" : "SQLite";
}
