using System.Buffers;
using System.Text;
using Vigie.Evtx.Values;

namespace Vigie.Evtx.Tests;

/// <summary>
/// <see cref="EvtxRecord.HasNumericText"/> lets a search for text with a letter skip numbers, GUIDs, SIDs and dates
/// without building their text: the types it names must never write a character outside
/// <see cref="EvtxRecord.NumericTextCharacters"/>, whatever their bytes and size, and the corpus agrees.
/// </summary>
public sealed class NumericTextTests
{
    private static readonly SearchValues<char> s_numeric = SearchValues.Create(EvtxRecord.NumericTextCharacters);

    [Fact]
    public void Formatter_ForEveryNumericType_WritesOnlyNumericCharacters()
    {
        var random = new Random(20261207);
        var checkedTypes = 0;
        for (var t = 0; t < 0x40; t++)
        {
            var type = (EvtxValueType)t;
            if (!ValueFormatter.HasNumericText(type))
            {
                continue;
            }

            checkedTypes++;
            foreach (var size in (int[])[0, 1, 2, 3, 4, 7, 8, 12, 16, 24, 28, 68, 100])
            {
                var samples = new List<byte[]> { new byte[size], Enumerable.Repeat((byte)0xFF, size).ToArray() };
                for (var i = 0; i < 200; i++)
                {
                    var data = new byte[size];
                    random.NextBytes(data);
                    samples.Add(data);
                    if (size >= 8)
                    {
                        // A well-formed SID: revision 1, as many sub-authorities as the size holds.
                        var sid = (byte[])data.Clone();
                        sid[0] = 1;
                        sid[1] = (byte)((size - 8) / 4);
                        samples.Add(sid);
                    }
                }

                foreach (var data in samples)
                {
                    var text = new char[ValueFormatter.MaxLength(type, data.Length) + 16];
                    var written = ValueFormatter.Format(type, data, text, Encoding.Latin1);
                    var at = text.AsSpan(0, written).IndexOfAnyExcept(s_numeric);
                    Assert.True(at < 0, $"{type} of {Convert.ToHexString(data)}: '{new string(text, 0, written)}' has '{(at >= 0 ? text[at] : ' ')}'");
                }
            }
        }

        Assert.Equal(16, checkedTypes); // 8 integers, binary, GUID, size_t, FILETIME, SYSTEMTIME, SID, two hexadecimal
    }

    [Fact]
    public void Formatter_ForTextRealsAndBooleans_SaysTheirTextIsNotNumeric()
    {
        foreach (var type in (EvtxValueType[])[EvtxValueType.Null, EvtxValueType.String, EvtxValueType.AnsiString, EvtxValueType.Real32,
            EvtxValueType.Real64, EvtxValueType.Bool, EvtxValueType.EvtHandle, EvtxValueType.BinXml, EvtxValueType.EvtXml])
        {
            Assert.False(ValueFormatter.HasNumericText(type), type.ToString());
        }
    }

    [Fact]
    public void Corpus_EveryValueSaidNumeric_HasOnlyNumericCharacters()
    {
        var corpus = RepositoryPaths.SharedData("evtx");
        var numeric = 0;
        var other = 0;
        var failures = new List<string>();
        foreach (var path in Directory.EnumerateFiles(corpus, "*.evtx", SearchOption.AllDirectories))
        {
            Assert.True(EvtxFile.TryOpen(path, out var file, out var error), error);
            using (file)
            {
                foreach (var record in file.ReadRecords())
                {
                    for (var i = 0; i < record.NamedValueCount; i++)
                    {
                        Check(record.HasNumericText(i), record.GetText(i), $"{Path.GetFileName(path)} {record.RecordId} {record.GetName(i)}");
                    }

                    foreach (var field in Enum.GetValues<EvtxSystemField>())
                    {
                        if (record.TryGetSystemText(field, out var text))
                        {
                            Assert.True(record.HasSystemField(field));
                            Check(record.SystemHasNumericText(field), text, $"{Path.GetFileName(path)} {record.RecordId} {field}");
                        }
                        else
                        {
                            Assert.False(record.HasSystemField(field));
                        }
                    }
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(numeric > 50_000 && other > 50_000, $"{numeric} numeric and {other} other values: too few to prove anything");

        void Check(bool saidNumeric, ReadOnlySpan<char> text, string where)
        {
            if (!saidNumeric)
            {
                other++;
                return;
            }

            numeric++;
            if (text.IndexOfAnyExcept(s_numeric) >= 0)
            {
                failures.Add($"{where}: '{text}'");
            }
        }
    }
}
