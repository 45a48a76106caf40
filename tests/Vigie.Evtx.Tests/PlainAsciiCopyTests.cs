using System.Text;
using System.Text.Json;
using Vigie.Evtx.Rendering;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

/// <summary>
/// The renderers' one-pass copy of plain ASCII (Utf8Text.CopyPlainAscii, sixteen characters at a time) stops at the
/// first character that needs the renderer's care, wherever it falls in or across the blocks, and hands the rest to
/// the escaping path: the output is the same as character by character.
/// </summary>
public sealed class PlainAsciiCopyTests
{
    private static int Reference(string text, string stops)
    {
        var i = 0;
        while (i < text.Length && text[i] is >= ' ' and <= '~' && !stops.Contains(text[i], StringComparison.Ordinal))
        {
            i++;
        }

        return i;
    }

    [Fact]
    public void Copy_StopsAtTheFirstSpecial_AtEveryPositionOfTheBlocks()
    {
        const string stops = "<>&_\"";
        string[] specials = ["<", ">", "&", "_", "\"", "\u0001", "\t", "\u007f", "é", "\u20ac", "\ud800", "\uffff"];
        foreach (var length in new[] { 0, 1, 15, 16, 17, 31, 32, 33, 47, 64, 100 })
        {
            var plain = new string(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))).ToArray());
            Check(plain);
            for (var at = 0; at < length; at++)
            {
                foreach (var special in specials)
                {
                    Check(plain[..at] + special + plain[(at + 1)..]);
                }
            }
        }

        void Check(string text)
        {
            var destination = new byte[text.Length];
            var copied = Utf8Text.CopyPlainAscii(text, destination, '<', '>', '&', '_', '"');
            Assert.Equal(Reference(text, stops), copied);
            Assert.Equal(text[..copied], Encoding.ASCII.GetString(destination, 0, copied));
        }
    }

    [Fact]
    public void JsonString_IsTheCharacterByCharacterEscaping_WhateverStopsTheRuns()
    {
        string[] specials = ["\\", "\"", "_", "_x0041_", "_x00410041_", "\n", "\u0001", "\u001f", "\u007f", "é", "\u20ac", "\ud83d\ude00", "\ud800", "\udc00", "\uffff"];
        using var output = new Utf8Buffer();
        foreach (var length in new[] { 0, 1, 15, 16, 17, 33, 64 })
        {
            var plain = new string(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))).ToArray());
            Check(plain);
            for (var at = 0; at <= length; at++)
            {
                foreach (var special in specials)
                {
                    Check(plain[..at] + special + plain[at..]);
                    Check(plain[..at] + special + special + "\\" + plain[at..]);
                }
            }
        }

        void Check(string text)
        {
            output.Clear();
            JsonRenderer.WriteString(text, output);
            Assert.Equal(JsonReference(text), Encoding.UTF8.GetString(output.WrittenSpan));
        }
    }

    /// <summary>JSON's escapes, one character at a time, with the <c>_xHHHH_</c> encoding for lone surrogates and for a literal <c>_</c> that would read as it.</summary>
    private static string JsonReference(string text)
    {
        var result = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || (c == '_' && Utf8Text.UnderscoreNeedsEscape(text, i)))
            {
                result.Append($"_x{(int)c:X4}_");
            }
            else
            {
                result.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < ' ' => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }
        }

        return result.Append('"').ToString();
    }

    [Theory]
    [InlineData("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe -nop -w hidden -enc SQBFAFgA")]
    [InlineData("a long plain run of text with a quote \" at the end of the second block, and <markup> & more")]
    [InlineData("SERVICE_NAME_x0041_ and then a long tail of plain ASCII text past two blocks of sixteen")]
    [InlineData("exactly sixteen!exactly sixteen!\u0007 then a bell, then \u00e9t\u00e9 and a lone \ud800 surrogate")]
    public void LongValues_AreEscapedAndReadBackWhole_InXmlAndJson(string text)
    {
        var record = Assert.Single(Fixture.ReadAll(Fixture.SimpleFile(1, TemplateValue.String(text)), out _));

        var document = System.Xml.Linq.XDocument.Parse(record.Xml, System.Xml.Linq.LoadOptions.PreserveWhitespace);
        Assert.Equal(text, System.Xml.XmlConvert.DecodeName(document.Descendants().Single(e => e.Name.LocalName == "Data").Value));
        using var json = JsonDocument.Parse(record.Json);
        Assert.Equal(text, System.Xml.XmlConvert.DecodeName(json.RootElement.GetProperty("Event").GetProperty("EventData").GetProperty("V").GetString()));
    }
}
