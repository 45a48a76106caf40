namespace Vigie.Cli.Serve.Demo;

/// <summary>A clock the demo moves along its story, so that the exercise's journal, board and desk carry believable times.</summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
