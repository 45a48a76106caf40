using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Vigie.Evtx;

/// <summary>How a file is read.</summary>
public sealed record EvtxReadOptions
{
    /// <summary>Windows-1252, the code page of ANSI strings on western-European Windows (the default).</summary>
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    /// <summary>Live records only, ANSI strings in Windows-1252.</summary>
    public static EvtxReadOptions Default { get; } = new();

    /// <summary>
    /// Also read the intact records left in each chunk's slack space (past its live records): signature, sizes
    /// and copy of size right, an identifier not already read, Binary XML that decodes. They come after the
    /// chunk's live records, with <see cref="EvtxRecord.RecoveredFromSlack"/> set. Default: false.
    /// </summary>
    public bool RecoverSlack { get; init; }

    /// <summary>
    /// The code page of ANSI (type 0x02) strings. The file does not say which: it is the ANSI code page of the
    /// Windows machine that wrote the log (Windows-1252 in western Europe, 1251 Cyrillic, 932 Japanese…). Default
    /// Windows-1252.
    /// </summary>
    public Encoding AnsiEncoding { get; init; } = Windows1252;

    /// <summary>
    /// Finds a code page by number (<c>1251</c>) or name (<c>windows-1251</c>, <c>shift_jis</c>, <c>utf-8</c>).
    /// False with a message when there is none.
    /// </summary>
    public static bool TryGetCodePage(string nameOrNumber, [NotNullWhen(true)] out Encoding? encoding, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(nameOrNumber);
        encoding = null;
        try
        {
            encoding = int.TryParse(nameOrNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? CodePagesEncodingProvider.Instance.GetEncoding(number) ?? Encoding.GetEncoding(number)
                : CodePagesEncodingProvider.Instance.GetEncoding(nameOrNumber) ?? Encoding.GetEncoding(nameOrNumber);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            encoding = null;
        }

        if (encoding is null)
        {
            error = $"unknown code page '{nameOrNumber}' (give a number such as 1251 or a name such as windows-1251)";
            return false;
        }

        error = null;
        return true;
    }
}
