using System.Globalization;
using Vigie.Evtx.Tests.Fixtures;

namespace Vigie.Evtx.Tests;

/// <summary>
/// <see cref="EvtxRecord.GetValue"/> gives a value as it is stored, without building its text: its kind and its
/// typed reading must say what its text says, for every type, for arrays, and on every value of the corpus.
/// </summary>
public sealed class TypedValueTests
{
    private static readonly Dictionary<string, EvtxValueKind> s_kinds = new()
    {
        ["String"] = EvtxValueKind.String, ["StringWithNul"] = EvtxValueKind.String, ["Ansi"] = EvtxValueKind.AnsiString,
        ["Int8"] = EvtxValueKind.Integer, ["Int16"] = EvtxValueKind.Integer, ["Int32"] = EvtxValueKind.Integer, ["Int64"] = EvtxValueKind.Integer,
        ["UInt8"] = EvtxValueKind.Unsigned, ["UInt16"] = EvtxValueKind.Unsigned, ["UInt32"] = EvtxValueKind.Unsigned, ["UInt64"] = EvtxValueKind.Unsigned,
        ["Real32"] = EvtxValueKind.Real, ["Real64"] = EvtxValueKind.Real, ["Real64Large"] = EvtxValueKind.Real,
        ["Real64NaN"] = EvtxValueKind.Real, ["Real64Infinity"] = EvtxValueKind.Real,
        ["BoolTrue"] = EvtxValueKind.Boolean, ["BoolFalse"] = EvtxValueKind.Boolean, ["Binary"] = EvtxValueKind.Binary,
        ["Guid"] = EvtxValueKind.Guid, ["SizeT"] = EvtxValueKind.Hexadecimal, ["HexInt32"] = EvtxValueKind.Hexadecimal,
        ["HexInt64"] = EvtxValueKind.Hexadecimal, ["FileTime"] = EvtxValueKind.Time, ["SystemTime"] = EvtxValueKind.Time,
        ["Sid"] = EvtxValueKind.Sid, ["EvtHandle"] = EvtxValueKind.Binary, ["EvtXml"] = EvtxValueKind.Binary,
        ["IntegerOfTheWrongSize"] = EvtxValueKind.Binary, ["SidTooShort"] = EvtxValueKind.Binary,
    };

    public static TheoryData<string, TemplateValue, string> Scalars() => ValueTypeTests.Scalars();

    public static TheoryData<string, TemplateValue, string[]> Arrays() => ValueTypeTests.Arrays();

    [Theory]
    [MemberData(nameof(Scalars))]
    public void GetValue_OfEveryScalarType_HasTheKindItsTextShowsAndAgreesWithIt(string name, TemplateValue stored, string expected)
    {
        using var file = EvtxFileBuilder.Open(Fixture.SimpleFile(1, stored));
        foreach (var record in file.ReadRecords())
        {
            var index = record.IndexOf("V");
            var text = record.GetText(index).ToString();
            var value = record.GetValue(index);

            Assert.Equal(expected, text);
            Assert.True(s_kinds.TryGetValue(name, out var kind), $"no kind expected for {name}");
            Assert.Equal(kind, value.Kind);
            Assert.True(Agrees(value, text, out var why), $"{name}: {why}");
        }
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void GetValue_OfEveryArrayItem_AgreesWithItsText(string name, TemplateValue stored, string[] expected)
    {
        using var file = EvtxFileBuilder.Open(Fixture.SimpleFile(1, stored));
        foreach (var record in file.ReadRecords())
        {
            Assert.Equal(expected.Length, record.NamedValueCount - (record.IndexOf("V")));
            for (var i = record.IndexOf("V"); i < record.NamedValueCount; i++)
            {
                var text = record.GetText(i).ToString();
                var value = record.GetValue(i);
                Assert.NotEqual(EvtxValueKind.Text, value.Kind);
                Assert.True(Agrees(value, text, out var why), $"{name} item {i}: {why}");
            }
        }
    }

    [Fact]
    public void GetValue_OnTheCorpus_AgreesWithTheTextOfEveryNamedValueAndSystemField()
    {
        var kinds = new Dictionary<EvtxValueKind, int>();
        var failures = new List<string>();
        foreach (var path in Directory.EnumerateFiles(RepositoryPaths.SharedData("evtx"), "*.evtx", SearchOption.AllDirectories))
        {
            Assert.True(EvtxFile.TryOpen(path, out var file, out var error), error);
            using (file)
            {
                foreach (var record in file.ReadRecords())
                {
                    for (var i = 0; i < record.NamedValueCount; i++)
                    {
                        var text = record.GetText(i).ToString();
                        Check(record.GetValue(i), text, $"{Path.GetFileName(path)} {record.RecordId} {record.GetName(i)}");
                    }

                    foreach (var field in Enum.GetValues<EvtxSystemField>())
                    {
                        var hasText = record.TryGetSystemText(field, out var span);
                        var text = span.ToString();
                        Assert.Equal(hasText, record.TryGetSystemValue(field, out var value));
                        if (hasText)
                        {
                            Check(value, text, $"{Path.GetFileName(path)} {record.RecordId} {field}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        foreach (var kind in (EvtxValueKind[])[EvtxValueKind.String, EvtxValueKind.Unsigned, EvtxValueKind.Hexadecimal, EvtxValueKind.Time,
            EvtxValueKind.Guid, EvtxValueKind.Sid, EvtxValueKind.Binary])
        {
            Assert.True(kinds.GetValueOrDefault(kind) > 10, $"only {kinds.GetValueOrDefault(kind)} values of kind {kind} in the corpus");
        }

        void Check(EvtxValue value, string text, string where)
        {
            kinds[value.Kind] = kinds.GetValueOrDefault(value.Kind) + 1;
            if (!Agrees(value, text, out var why))
            {
                failures.Add($"{where}: {why}");
            }
        }
    }

    /// <summary>True when the typed value says what <paramref name="text"/> (Windows' rendering) says.</summary>
    private static bool Agrees(EvtxValue value, string text, out string why)
    {
        var inv = CultureInfo.InvariantCulture;
        string? typed = value.Kind switch
        {
            EvtxValueKind.Empty => string.Empty,
            EvtxValueKind.Text or EvtxValueKind.String => value.Chars.ToString(),
            EvtxValueKind.AnsiString => value.Bytes.Length > 0 || text.Length == 0 ? text : "(no bytes)",
            EvtxValueKind.Integer => value.TryGetInt64(out var signed) ? signed.ToString(inv) : null,
            EvtxValueKind.Unsigned => value.TryGetUInt64(out var unsigned) ? unsigned.ToString(inv) : null,
            EvtxValueKind.Hexadecimal => value.TryGetUInt64(out var hex) ? "0x" + hex.ToString("x", inv) : null,
            EvtxValueKind.Real => value.TryGetDouble(out var real) && (text.Contains('#', StringComparison.Ordinal)
                ? !double.IsFinite(real)
                : double.Parse(text, inv) == real || Math.Abs(double.Parse(text, inv) - real) <= Math.Abs(real) * 1e-6) ? text : null,
            EvtxValueKind.Boolean => value.TryGetBoolean(out var flag) ? (flag ? "true" : "false") : null,
            EvtxValueKind.Guid => value.TryGetGuid(out var guid) ? guid.ToString("B", inv).ToUpperInvariant() : null,
            EvtxValueKind.Time => value.TryGetDateTime(out var time)
                ? (text.Length == 24 ? time.ToString("yyyy-MM-ddTHH:mm:ss.fff'Z'", inv) : time.ToString("yyyy-MM-ddTHH:mm:ss.fffffff'Z'", inv))
                : null,
            EvtxValueKind.Sid => value.Bytes.Length >= 8 && text.StartsWith("S-1-", StringComparison.Ordinal) ? text : null,
            EvtxValueKind.Binary => Convert.ToHexString(value.Bytes),
            _ => null,
        };

        why = $"{value.Kind} reads as \"{typed}\", its text is \"{text}\"";
        return typed == text;
    }
}
