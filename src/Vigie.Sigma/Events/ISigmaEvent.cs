namespace Vigie.Sigma;

/// <summary>
/// How the engine sees one event: values by field, as text, without copying. Implemented by the hunt's
/// adapters (EVTX records, JSON lines) and by <see cref="SigmaEvent"/>.
/// </summary>
/// <remarks>
/// <para>Field names are the canonical Windows names (src/Vigie.Sigma/README.md): the System fields
/// <c>EventID</c>, <c>Channel</c>, <c>Provider_Name</c>, <c>Computer</c>, <c>Level</c>, <c>Task</c>,
/// <c>Opcode</c>, <c>Keywords</c>, <c>EventRecordID</c>, <c>Version</c>, <c>Execution_ProcessID</c>,
/// <c>Execution_ThreadID</c>, <c>Security_UserID</c>, <c>TimeCreated_SystemTime</c>, and every
/// <c>EventData</c>/<c>UserData</c> value under its own name, as is. Numbers are decimal text.</para>
/// <para>A name that is both a System field and a data value (event 104 names the cleared log in its
/// UserData <c>Channel</c>) answers with the data's value, except <c>EventID</c> and <c>Level</c>, which
/// answer with System's (see <see cref="SigmaFieldCollisions"/>). <see cref="GetLogChannel"/> always gives
/// System's <c>Channel</c>: the log the event was written to, which chooses the rules it meets.</para>
/// <para>A value may be read several times per event; adapters that decode lazily should cache.</para>
/// <para>An instance is used by one thread at a time.</para>
/// </remarks>
public interface ISigmaEvent
{
    /// <summary>
    /// The value at <paramref name="index"/> (0 for the first) of <paramref name="field"/>. Returns
    /// <see cref="SigmaValueKind.Absent"/> when the event has no such field or no value at that index,
    /// <see cref="SigmaValueKind.Null"/> (index 0 only) when the field is present without a value,
    /// <see cref="SigmaValueKind.MoreValues"/> when further values follow, otherwise
    /// <see cref="SigmaValueKind.Value"/>.
    /// </summary>
    SigmaValueKind GetValue(SigmaField field, int index, out ReadOnlySpan<char> value);

    /// <summary>
    /// The value at <paramref name="index"/> of the whole event, for keyword searches: every value of
    /// every field, in any order. Returns <see cref="SigmaValueKind.Absent"/> past the last one.
    /// </summary>
    SigmaValueKind GetAnyValue(int index, out ReadOnlySpan<char> value);

    /// <summary>
    /// The characters of the text of numbers, hexadecimal numbers, GUIDs, SIDs and ISO 8601 dates, in both cases:
    /// <see cref="GetAnyText"/> may hide a value whose text has no other character.
    /// </summary>
    public const string ScalarCharacters = "0123456789ABCDEFabcdefSsTtXxZz-:.{}";

    /// <summary>
    /// <see cref="GetAnyValue"/> for a search that needs, in every value it accepts, a character outside
    /// <see cref="ScalarCharacters"/> (case-insensitively): an adapter that knows a value's text holds only
    /// those characters (from its type, a number, a GUID, a date) may give it as an empty text instead of building
    /// it. By default, <see cref="GetAnyValue"/> itself.
    /// </summary>
    SigmaValueKind GetAnyText(int index, out ReadOnlySpan<char> value) => GetAnyValue(index, out value);

    /// <summary>
    /// The channel the event was written to (System's <c>Channel</c>, whatever the event's data says under
    /// that name): it chooses the rules the event meets. <see cref="SigmaValueKind.Absent"/> when unknown.
    /// </summary>
    SigmaValueKind GetLogChannel(out ReadOnlySpan<char> value);
}
