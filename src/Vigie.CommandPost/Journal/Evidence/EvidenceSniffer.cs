using System.Text;

namespace Vigie.CommandPost.Journal.Evidence;

/// <summary>
/// Tells what a file is from its bytes, never from its name or the browser's word: PNG, JPEG, WebP and HEIC/HEIF
/// images (phones), PDF, or plain text (UTF-8, or a legacy 8-bit code page, with no control character but tab, line
/// breaks and form feed). Anything else (HTML is plain text here and is served as such; SVG, archives, executables,
/// office files, EVTX logs) is refused. Fed chunk by chunk as the upload streams, so nothing is read twice.
/// </summary>
internal sealed class EvidenceSniffer
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string WebP = "image/webp";
    public const string Heic = "image/heic";
    public const string Heif = "image/heif";
    public const string Pdf = "application/pdf";
    public const string TextUtf8 = "text/plain; charset=utf-8";
    public const string Text8Bit = "text/plain; charset=windows-1252";

    private const int HeadLength = 16;

    private readonly byte[] _head = new byte[HeadLength];
    private readonly Decoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _chars = new char[8192];
    private int _headLength;
    private bool _controls;
    private bool _validUtf8 = true;

    /// <summary>Every type Vigie accepts, for messages and the file picker's <c>accept</c>.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [Png, Jpeg, WebP, Heic, Heif, Pdf, "text/plain"];

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_headLength < HeadLength)
        {
            var take = Math.Min(HeadLength - _headLength, bytes.Length);
            bytes[..take].CopyTo(_head.AsSpan(_headLength));
            _headLength += take;
        }

        if (_controls)
        {
            return; // not text, whatever follows; the magic numbers only need the head
        }

        foreach (var b in bytes)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C) || b == 0x7F)
            {
                _controls = true;
                return;
            }
        }

        if (_validUtf8)
        {
            try
            {
                var rest = bytes;
                while (rest.Length > 0)
                {
                    var take = Math.Min(rest.Length, _chars.Length - 8);
                    _utf8.GetChars(rest[..take], _chars, flush: false);
                    rest = rest[take..];
                }
            }
            catch (DecoderFallbackException)
            {
                _validUtf8 = false;
            }
        }
    }

    /// <summary>The content type once every byte has been seen, or null when Vigie does not accept the file.</summary>
    public string? Finish()
    {
        var head = _head.AsSpan(0, _headLength);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            return brand switch
            {
                "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" => Heic,
                "mif1" or "msf1" => Heif,
                _ => null,
            };
        }

        if (_headLength == 0 || _controls)
        {
            return null;
        }

        if (_validUtf8)
        {
            try
            {
                _utf8.GetChars([], _chars, flush: true); // a sequence cut at the end is not UTF-8
            }
            catch (DecoderFallbackException)
            {
                _validUtf8 = false;
            }
        }

        return _validUtf8 ? TextUtf8 : Text8Bit;
    }
}
