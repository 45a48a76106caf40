using Vigie.Sigma.Detection;

namespace Vigie.Sigma.Prefilter;

/// <summary>
/// The prefilter's cache form (<see cref="Caching.RuleSetCache"/>): what <see cref="Build"/> chose and the automata
/// it built, so that a hunt from the rule cache searches from its first event instead of building each bucket's
/// prefilter when the bucket's first event comes. Every index read is checked against the bucket it is read for.
/// </summary>
internal sealed partial class LiteralPrefilter
{
    public void Write(BinaryWriter writer)
    {
        writer.Write(_primaryVariants.Length);
        writer.Write(_filtered.Length);
        writer.Write(_fields.Length);
        foreach (var field in _fields)
        {
            writer.Write(field.Field.Id);
            WriteInts(writer, field.LiteralIds);
            field.Automaton.Write(writer);
        }

        foreach (var variants in _primaryVariants)
        {
            WriteInts(writer, variants);
        }

        foreach (var groups in _secondary)
        {
            writer.Write(groups?.Length ?? -1);
            foreach (var group in groups ?? [])
            {
                WriteInts(writer, group);
            }
        }

        foreach (var filtered in _filtered)
        {
            writer.Write(filtered);
        }

        WriteInts(writer, _alwaysEvaluated);
    }

    /// <summary>Reads a prefilter written by <see cref="Write"/> for a bucket of <paramref name="variants"/> variants.</summary>
    public static LiteralPrefilter Read(BinaryReader reader, IReadOnlyList<SigmaField> fieldTable, int variants)
    {
        var literals = Count(reader, sizeof(int)); // each literal's list of variants has its length
        if (reader.ReadInt32() != variants)
        {
            throw new InvalidDataException("prefilter of another bucket in the cache");
        }

        var fields = new FieldSearch[Count(reader, 3 * sizeof(int))]; // a field id, a list and an automaton each
        for (var i = 0; i < fields.Length; i++)
        {
            var id = reader.ReadInt32();
            if (id < 0 || id >= fieldTable.Count)
            {
                throw new InvalidDataException("prefilter field out of range in the cache");
            }

            var literalIds = ReadInts(reader, literals);
            fields[i] = new FieldSearch(fieldTable[id], AhoCorasick.Read(reader, literalIds.Length), literalIds);
        }

        var primaryVariants = new int[literals][];
        for (var i = 0; i < literals; i++)
        {
            primaryVariants[i] = ReadInts(reader, variants);
        }

        var secondary = new int[][]?[variants];
        for (var v = 0; v < variants; v++)
        {
            var groups = reader.ReadInt32();
            if (groups < -1 || groups > GroupOptionsPerRule)
            {
                throw new InvalidDataException("prefilter groups out of range in the cache");
            }

            if (groups >= 0)
            {
                secondary[v] = new int[groups][];
                for (var g = 0; g < groups; g++)
                {
                    secondary[v]![g] = ReadInts(reader, literals);
                }
            }
        }

        var filtered = new bool[variants];
        for (var v = 0; v < variants; v++)
        {
            filtered[v] = reader.ReadBoolean();
        }

        return new LiteralPrefilter(fields, primaryVariants, secondary, filtered, ReadInts(reader, variants));
    }

    private static void WriteInts(BinaryWriter writer, int[] values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>A list of indexes, each below <paramref name="bound"/>.</summary>
    private static int[] ReadInts(BinaryReader reader, int bound)
    {
        var values = new int[Count(reader, sizeof(int))];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        foreach (var value in values)
        {
            if ((uint)value >= (uint)bound)
            {
                throw new InvalidDataException("prefilter index out of range in the cache");
            }
        }

        return values;
    }

    /// <summary>A count of items of at least <paramref name="itemBytes"/> bytes each, that the rest of the stream can hold.</summary>
    private static int Count(BinaryReader reader, int itemBytes)
    {
        var count = reader.ReadInt32();
        return count >= 0 && (long)count * itemBytes <= reader.BaseStream.Length - reader.BaseStream.Position
            ? count
            : throw new InvalidDataException("prefilter list of a bad length in the cache");
    }
}
