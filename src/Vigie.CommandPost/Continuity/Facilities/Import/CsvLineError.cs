using System.Text.Json.Serialization;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Continuity.Facilities.Import;

/// <summary>
/// Why one line of an imported file was refused: its line number (1 = header) and the problem (its field, if any, and
/// its coded message, which pages render in the reader's language; <see cref="Message"/> is the English text the API sends).
/// </summary>
public sealed record CsvLineError(int Line, [property: JsonIgnore] Problem Problem)
{
    public string? Field => Problem.Field;

    public string Message => Problem.Message;
}
