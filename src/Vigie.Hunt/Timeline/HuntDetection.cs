using System.Buffers;

namespace Vigie.Hunt;

/// <summary>
/// One row of the attack timeline: an event a rule matched (or a correlation that fired), with the rule's
/// metadata (its author is kept in every output, as the Detection Rule License asks).
/// </summary>
public sealed record HuntDetection
{
    /// <summary>The event's time (System/TimeCreated), UTC; for a correlation, its last counted event.</summary>
    public required DateTime Timestamp { get; init; }

    /// <summary>System/Computer (empty when unknown).</summary>
    public string Computer { get; init; } = "";

    /// <summary>System/Channel (empty when unknown).</summary>
    public string Channel { get; init; } = "";

    /// <summary>System/EventID.</summary>
    public int? EventId { get; init; }

    /// <summary>System/EventRecordID (the record header's id when the event has none).</summary>
    public long? RecordId { get; init; }

    /// <summary>The rule's title.</summary>
    public required string RuleTitle { get; init; }

    /// <summary>The rule's id (empty when the rule has none).</summary>
    public string RuleId { get; init; } = "";

    /// <summary>The rule's level.</summary>
    public HuntLevel Level { get; init; }

    /// <summary>ATT&amp;CK tactics from the rule's tags (<c>credential-access</c>, ...).</summary>
    public IReadOnlyList<string> Tactics { get; init; } = [];

    /// <summary>ATT&amp;CK techniques from the rule's tags (<c>T1003.001</c>, ...).</summary>
    public IReadOnlyList<string> Techniques { get; init; } = [];

    /// <summary>The rule's author, as written in the rule.</summary>
    public string Author { get; init; } = "";

    /// <summary>The values behind the detection: the fields the rule used, then user, process, command line and addresses when present.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];

    /// <summary>The file the event came from (empty for a correlation).</summary>
    public string SourceFile { get; init; } = "";

    /// <summary>True for a correlation rule's detection.</summary>
    public bool IsCorrelation { get; init; }

    /// <summary>The details as one line: <c>Name: value ¦ Name: value</c>.</summary>
    public string DetailsText()
    {
        var text = new ArrayBufferWriter<char>();
        WriteDetails(text);
        return text.WrittenSpan.ToString();
    }

    /// <summary>Writes <see cref="DetailsText"/> into <paramref name="output"/> (a writer reused for every row spares a string each).</summary>
    public void WriteDetails(IBufferWriter<char> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var first = true;
        foreach (var (name, value) in Details)
        {
            if (!first)
            {
                output.Write(" ¦ ");
            }

            first = false;
            output.Write(name);
            output.Write(": ");
            output.Write(value);
        }
    }
}
