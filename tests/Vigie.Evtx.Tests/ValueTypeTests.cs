using System.Text.Json;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

public sealed class ValueTypeTests
{
    public static TheoryData<string, TemplateValue, string> Scalars() => new()
    {
        { "String", TemplateValue.String("C:\\Windows\\cmd.exe"), "C:\\Windows\\cmd.exe" },
        { "StringWithNul", TemplateValue.String("abc", nul: true), "abc" },
        { "Ansi", TemplateValue.Ansi([0x41, 0x80, 0x00]), "A€" },
        { "Int8", TemplateValue.Int8(-5), "-5" },
        { "UInt8", TemplateValue.UInt8(200), "200" },
        { "Int16", TemplateValue.Int16(-300), "-300" },
        { "UInt16", TemplateValue.UInt16(65535), "65535" },
        { "Int32", TemplateValue.Int32(-70000), "-70000" },
        { "UInt32", TemplateValue.UInt32(4_000_000_000), "4000000000" },
        { "Int64", TemplateValue.Int64(-9_000_000_000), "-9000000000" },
        { "UInt64", TemplateValue.UInt64(ulong.MaxValue), "18446744073709551615" },
        { "Real32", TemplateValue.Real32(1.5f), "1.5" },
        { "Real64", TemplateValue.Real64(0.25), "0.25" },
        { "Real64Large", TemplateValue.Real64(1e300), "1E+300" },
        { "Real64NaN", TemplateValue.Real64(double.NaN), "-1.#IND" },
        { "Real64Infinity", TemplateValue.Real64(double.NegativeInfinity), "-1.#INF" },
        { "BoolTrue", TemplateValue.Bool(true), "true" },
        { "BoolFalse", TemplateValue.Bool(false), "false" },
        { "Binary", TemplateValue.Binary(0x01, 0xAB, 0x00), "01AB00" },
        { "Guid", TemplateValue.Guid(Guid.Parse("9c655e9c-be8f-11e9-b49d-080027e6e559")), "{9C655E9C-BE8F-11E9-B49D-080027E6E559}" },
        { "SizeT", TemplateValue.SizeT64(0x1f), "0x1f" },
        { "FileTime", TemplateValue.FileTime(new DateTime(2019, 8, 14, 14, 6, 44, DateTimeKind.Utc).AddTicks(4956748)), "2019-08-14T14:06:44.4956748Z" },
        { "SystemTime", TemplateValue.SystemTime(new DateTime(2020, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc)), "2020-01-02T03:04:05.678Z" },
        { "Sid", TemplateValue.Sid("S-1-5-21-3461203602-4096304019-2269080069-1000"), "S-1-5-21-3461203602-4096304019-2269080069-1000" },
        { "HexInt32", TemplateValue.HexInt32(0xC000006D), "0xc000006d" },
        { "HexInt64", TemplateValue.HexInt64(0x342ba), "0x342ba" },
        { "EvtHandle", new TemplateValue(0x20, [0x01, 0x02]), "0102" },
        { "EvtXml", new TemplateValue(0x23, [0xAB]), "AB" },
        { "IntegerOfTheWrongSize", new TemplateValue(0x08, [0x01, 0x02]), "0102" },
        { "SidTooShort", new TemplateValue(0x13, [0x01, 0x05, 0x00]), "010500" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void NamedValue_WhenTypeIsScalar_IsRenderedAsWindowsDoes(string name, TemplateValue value, string expected)
    {
        _ = name;
        // Two records of the same shape: the first is written by the generic renderers, the second through the plan
        // they recorded (the scalars other than strings then go straight to UTF-8, not through characters).
        var records = Fixture.ReadAll(Fixture.SimpleFile(2, value), out var problems);

        Assert.Empty(problems);
        Assert.Equal(2, records.Count);
        foreach (var record in records)
        {
            Assert.Equal([expected], record.Named["V"]);
            Assert.Contains($"<Data Name=\"V\">{System.Security.SecurityElement.Escape(expected)}</Data>", record.Xml, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(record.Json);
            var v = json.RootElement.GetProperty("Event").GetProperty("EventData").GetProperty("V");
            Assert.Equal(expected, v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText());
        }
    }

    [Theory]
    [InlineData(0x03, "-1")]
    [InlineData(0x04, "255")]
    public void Json_WhenValueIsInteger_IsAJsonNumber(byte type, string expected)
    {
        var record = Assert.Single(Fixture.ReadAll(Fixture.SimpleFile(1, new TemplateValue(type, [0xFF])), out _));

        using var json = JsonDocument.Parse(record.Json);
        var value = json.RootElement.GetProperty("Event").GetProperty("EventData").GetProperty("V");
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        Assert.Equal(expected, value.GetRawText());
    }

    [Fact]
    public void Json_WhenValueIsBoolean_IsAJsonBoolean()
    {
        var record = Assert.Single(Fixture.ReadAll(Fixture.SimpleFile(1, TemplateValue.Bool(true)), out _));

        using var json = JsonDocument.Parse(record.Json);
        Assert.Equal(JsonValueKind.True, json.RootElement.GetProperty("Event").GetProperty("EventData").GetProperty("V").ValueKind);
    }

    public static TheoryData<string, TemplateValue, string[]> Arrays() => new()
    {
        { "Strings", TemplateValue.StringArray("a", "b c"), ["a", "b c"] },
        { "AnsiStrings", TemplateValue.AnsiArray("x", "y"), ["x", "y"] },
        { "Int8", TemplateValue.Array(0x03, TemplateValue.Int8(-1), TemplateValue.Int8(2)), ["-1", "2"] },
        { "UInt8", TemplateValue.Array(0x04, TemplateValue.UInt8(1), TemplateValue.UInt8(2)), ["1", "2"] },
        { "Int16", TemplateValue.Array(0x05, TemplateValue.Int16(-1)), ["-1"] },
        { "UInt16", TemplateValue.Array(0x06, TemplateValue.UInt16(7), TemplateValue.UInt16(8)), ["7", "8"] },
        { "Int32", TemplateValue.Array(0x07, TemplateValue.Int32(-7)), ["-7"] },
        { "UInt32", TemplateValue.Array(0x08, TemplateValue.UInt32(7), TemplateValue.UInt32(9)), ["7", "9"] },
        { "Int64", TemplateValue.Array(0x09, TemplateValue.Int64(-7)), ["-7"] },
        { "UInt64", TemplateValue.Array(0x0a, TemplateValue.UInt64(7)), ["7"] },
        { "Real32", TemplateValue.Array(0x0b, TemplateValue.Real32(0.5f)), ["0.5"] },
        { "Real64", TemplateValue.Array(0x0c, TemplateValue.Real64(2.5)), ["2.5"] },
        { "Bool", TemplateValue.Array(0x0d, TemplateValue.Bool(true), TemplateValue.Bool(false)), ["true", "false"] },
        { "Guid", TemplateValue.Array(0x0f, TemplateValue.Guid(Guid.Parse("00000000-0000-0000-0000-000000000001"))), ["{00000000-0000-0000-0000-000000000001}"] },
        { "SizeT", TemplateValue.Array(0x10, TemplateValue.SizeT64(16), TemplateValue.SizeT64(17)), ["0x10", "0x11"] },
        { "FileTime", TemplateValue.Array(0x11, TemplateValue.FileTime(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc))), ["2020-01-01T00:00:00.0000000Z"] },
        { "SystemTime", TemplateValue.Array(0x12, TemplateValue.SystemTime(new DateTime(2020, 1, 1, 0, 0, 1, DateTimeKind.Utc))), ["2020-01-01T00:00:01.000Z"] },
        { "Sid", TemplateValue.Array(0x13, TemplateValue.Sid("S-1-5-18"), TemplateValue.Sid("S-1-5-32-544")), ["S-1-5-18", "S-1-5-32-544"] },
        { "HexInt32", TemplateValue.Array(0x14, TemplateValue.HexInt32(255)), ["0xff"] },
        { "HexInt64", TemplateValue.Array(0x15, TemplateValue.HexInt64(256)), ["0x100"] },
    };

    [Theory]
    [MemberData(nameof(Arrays))]
    public void NamedValue_WhenTypeIsArray_YieldsOneValueAndOneElementPerItem(string name, TemplateValue value, string[] expected)
    {
        _ = name;
        var record = Assert.Single(Fixture.ReadAll(Fixture.SimpleFile(1, value), out var problems));

        Assert.Empty(problems);
        Assert.Equal(expected, record.Named["V"]);
        foreach (var item in expected)
        {
            Assert.Contains($"<Data Name=\"V\">{item}</Data>", record.Xml, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse(record.Json);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("Event").GetProperty("EventData").GetProperty("V").ValueKind);
    }

    [Fact]
    public void Element_WhenOptionalValueIsNull_IsLeftOut()
    {
        var record = Assert.Single(Fixture.ReadAll(Fixture.SimpleFile(1, TemplateValue.Null()), out _));

        Assert.DoesNotContain("Name=\"V\"", record.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("ActivityID", record.Xml, StringComparison.Ordinal);
        Assert.Contains("<Correlation />", record.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_WhenItHoldsXmlSpecialCharacters_IsEscapedInXmlAndJson()
    {
        var record = Assert.Single(Fixture.ReadAll(Fixture.SimpleFile(1, TemplateValue.String("a<b & \"c\"\u0001")), out _));

        Assert.Equal(["a<b & \"c\"\u0001"], record.Named["V"]);
        Assert.Contains("<Data Name=\"V\">a&lt;b &amp; \"c\"_x0001_</Data>", record.Xml, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(record.Json);
        Assert.Equal("a<b & \"c\"\u0001", json.RootElement.GetProperty("Event").GetProperty("EventData").GetProperty("V").GetString());
    }

    public static TheoryData<string> Unrepresentable() => new()
    {
        "bell\u0007 and nul\u0000 inside",
        "lone high \ud800 and lone low \udc00, a pair \ud83d\ude00",
        "non-characters \ufffe \uffff",
        "a literal _x0041_ and _x12345678_ and _x_ and _x004_",
        "tab\t line\n return\r < > & \" '",
        "\u001f_x0000_\ud800",
    };

    [Theory]
    [MemberData(nameof(Unrepresentable))]
    public void Text_WhenXmlOrJsonCannotCarryIt_IsEncodedReversiblyAndParses(string text)
    {
        var record = Assert.Single(Fixture.ReadAll(Fixture.SimpleFile(1, TemplateValue.String(text)), out _));

        Assert.Equal([text], record.Named["V"]);
        var document = System.Xml.Linq.XDocument.Parse(record.Xml, System.Xml.Linq.LoadOptions.PreserveWhitespace);
        var data = document.Descendants().Single(e => e.Name.LocalName == "Data");
        Assert.Equal(text, System.Xml.XmlConvert.DecodeName(data.Value));
        using var json = JsonDocument.Parse(record.Json);
        var value = json.RootElement.GetProperty("Event").GetProperty("EventData").GetProperty("V").GetString();
        Assert.Equal(text, System.Xml.XmlConvert.DecodeName(value));
    }

    [Fact]
    public void Text_WhenPlain_IsWrittenAsIs()
    {
        var record = Assert.Single(Fixture.ReadAll(Fixture.SimpleFile(1, TemplateValue.String("SERVICE_NAME x_y _x1_")), out _));

        Assert.Contains(">SERVICE_NAME x_y _x1_</Data>", record.Xml, StringComparison.Ordinal);
        Assert.Contains("\"V\":\"SERVICE_NAME x_y _x1_\"", record.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Ansi_WhenACodePageIsGiven_IsReadInIt()
    {
        var image = Fixture.SimpleFile(1, TemplateValue.Ansi([0xC0, 0xE9, 0x00]));
        Assert.True(EvtxReadOptions.TryGetCodePage("1251", out var cyrillic, out _));
        Assert.True(EvtxReadOptions.TryGetCodePage("windows-1251", out var byName, out _));
        Assert.False(EvtxReadOptions.TryGetCodePage("no-such-page", out _, out var error));

        var western = Assert.Single(Fixture.ReadAll(image, out _));
        var russian = Assert.Single(Fixture.ReadAll(image, out _, new EvtxReadOptions { AnsiEncoding = cyrillic }));

        Assert.Equal(["\u00C0\u00E9"], western.Named["V"]);
        Assert.Equal(["\u0410\u0439"], russian.Named["V"]);
        Assert.Contains("\u0410\u0439</Data>", russian.Xml, StringComparison.Ordinal);
        Assert.Equal(cyrillic.CodePage, byName.CodePage);
        Assert.Contains("unknown code page", error, StringComparison.Ordinal);
    }
}
