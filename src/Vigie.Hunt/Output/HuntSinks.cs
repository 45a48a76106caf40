namespace Vigie.Hunt;

/// <summary>Creates the sink for a format over a stream (the sink owns the stream).</summary>
public static class HuntSinks
{
    /// <summary>Parses csv, jsonl, timesketch or html (case-insensitive).</summary>
    public static bool TryParseFormat(string? text, out HuntFormat format)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "CSV":
                format = HuntFormat.Csv;
                return true;
            case "JSONL" or "JSON":
                format = HuntFormat.Jsonl;
                return true;
            case "TIMESKETCH":
                format = HuntFormat.Timesketch;
                return true;
            case "HTML":
                format = HuntFormat.Html;
                return true;
            default:
                format = HuntFormat.Csv;
                return false;
        }
    }

    /// <summary>A sink writing <paramref name="format"/> to <paramref name="output"/>; <paramref name="tempDirectory"/> holds the HTML timeline until the summary is known.</summary>
    public static IHuntSink Create(HuntFormat format, Stream output, string? tempDirectory = null) => format switch
    {
        HuntFormat.Csv => new CsvHuntSink(output),
        HuntFormat.Jsonl => new JsonlHuntSink(output),
        HuntFormat.Timesketch => new TimesketchHuntSink(output),
        _ => new HtmlHuntSink(output, tempDirectory ?? Path.GetTempPath()),
    };
}
