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
            CacheArrays.Write(writer, field.LiteralIds);
            field.Automaton.Write(writer);
        }

        foreach (var variants in _primaryVariants)
        {
            CacheArrays.Write(writer, variants);
        }

        foreach (var groups in _secondary)
        {
            writer.Write(groups?.Length ?? -1);
            foreach (var group in groups ?? [])
            {
                CacheArrays.Write(writer, group);
            }
        }

        foreach (var filtered in _filtered)
        {
            writer.Write(filtered);
        }

        CacheArrays.Write(writer, _alwaysEvaluated);
    }

    /// <summary>Reads a prefilter written by <see cref="Write"/> for a bucket of <paramref name="variants"/> variants.</summary>
    public static LiteralPrefilter Read(BinaryReader reader, IReadOnlyList<SigmaField> fieldTable, int variants)
    {
        var literals = CacheArrays.Count(reader, sizeof(int)); // each literal's list of variants has its length
        if (reader.ReadInt32() != variants)
        {
            throw new InvalidDataException("prefilter of another bucket in the cache");
        }

        var fields = new FieldSearch[CacheArrays.Count(reader, 3 * sizeof(int))]; // a field id, a list and an automaton each
        for (var i = 0; i < fields.Length; i++)
        {
            var id = reader.ReadInt32();
            if (id < 0 || id >= fieldTable.Count)
            {
                throw new InvalidDataException("prefilter field out of range in the cache");
            }

            var literalIds = CacheArrays.ReadIndexes(reader, 0, literals);
            fields[i] = new FieldSearch(fieldTable[id], AhoCorasick.Read(reader, literalIds.Length), literalIds);
        }

        var primaryVariants = new int[literals][];
        for (var i = 0; i < literals; i++)
        {
            primaryVariants[i] = CacheArrays.ReadIndexes(reader, 0, variants);
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
                    secondary[v]![g] = CacheArrays.ReadIndexes(reader, 0, literals);
                }
            }
        }

        var filtered = new bool[variants];
        for (var v = 0; v < variants; v++)
        {
            filtered[v] = reader.ReadBoolean();
        }

        return new LiteralPrefilter(fields, primaryVariants, secondary, filtered, CacheArrays.ReadIndexes(reader, 0, variants));
    }
}
