namespace Vigie.Hunt;

/// <summary>The timeline output formats.</summary>
public enum HuntFormat
{
    /// <summary>RFC 4180 CSV, UTF-8 with a byte order mark (Timeline Explorer, LibreOffice).</summary>
    Csv,

    /// <summary>Vigie's JSON lines: one detection per line (what the command post imports).</summary>
    Jsonl,

    /// <summary>JSON lines as Timesketch imports them (message, datetime, timestamp_desc, attributes).</summary>
    Timesketch,

    /// <summary>One self-contained HTML report: summary, per-host and per-tactic tables, timeline.</summary>
    Html,
}
