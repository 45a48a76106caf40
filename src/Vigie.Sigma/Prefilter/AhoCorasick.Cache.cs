namespace Vigie.Sigma.Prefilter;

/// <summary>
/// The automaton's cache form (<see cref="Caching.RuleSetCache"/>): its arrays as they are, so that a hunt does not
/// build again what an earlier run built. What is read is checked before it is used: every class, state, output and
/// literal in range, and every chain of outputs and of suffixes ending, so that a damaged file is rejected (an
/// <see cref="InvalidDataException"/>) instead of failing or looping in the middle of a hunt.
/// </summary>
internal sealed partial class AhoCorasick
{
    private AhoCorasick(byte[] asciiClass, Dictionary<char, int> otherClass, int classes, int[] delta, ushort[]? delta16,
        int[] firstOutput, int[] outputLiteral, int[] outputNext, int[] suffixOutput, int[] report)
    {
        _asciiClass = asciiClass;
        _otherClass = otherClass;
        _classes = classes;
        _delta = delta;
        _delta16 = delta16;
        _firstOutput = firstOutput;
        _outputLiteral = outputLiteral;
        _outputNext = outputNext;
        _suffixOutput = suffixOutput;
        _report = report;
        States = report.Length;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_classes);
        writer.Write(States);
        writer.Write(_asciiClass);
        writer.Write(_otherClass.Count);
        foreach (var (c, cls) in _otherClass)
        {
            writer.Write((ushort)c);
            writer.Write((byte)cls);
        }

        writer.Write(_delta16 is not null);
        if (_delta16 is not null)
        {
            CacheArrays.Write(writer, _delta16);
        }
        else
        {
            CacheArrays.Write(writer, _delta);
        }

        CacheArrays.Write(writer, _firstOutput);
        CacheArrays.Write(writer, _outputLiteral);
        CacheArrays.Write(writer, _outputNext);
        CacheArrays.Write(writer, _suffixOutput);
        CacheArrays.Write(writer, _report);
    }

    /// <summary>Reads an automaton written by <see cref="Write"/> whose literals are numbered below <paramref name="literals"/>.</summary>
    public static AhoCorasick Read(BinaryReader reader, int literals)
    {
        var classes = reader.ReadInt32();
        var states = reader.ReadInt32();
        if (classes is < 1 or > 256 || states < 1)
        {
            throw new InvalidDataException("automaton of a bad size in the cache");
        }

        var asciiClass = reader.ReadBytes(128);
        if (asciiClass.Length != 128 || (classes < 256 && asciiClass.AsSpan().ContainsAnyInRange((byte)classes, byte.MaxValue)))
        {
            throw new InvalidDataException("automaton class out of range in the cache");
        }

        var others = reader.ReadInt32();
        if (others < 0 || others > char.MaxValue)
        {
            throw new InvalidDataException("automaton alphabet out of range in the cache");
        }

        var otherClass = new Dictionary<char, int>(others);
        for (var i = 0; i < others; i++)
        {
            var c = (char)reader.ReadUInt16();
            var cls = reader.ReadByte();
            if (c < 128 || cls == 0 || cls >= classes || !otherClass.TryAdd(c, cls))
            {
                throw new InvalidDataException("automaton alphabet out of range in the cache");
            }
        }

        var cells = checked(states * classes);
        ushort[]? delta16 = null;
        int[] delta = [];
        if (reader.ReadBoolean())
        {
            delta16 = CacheArrays.Read<ushort>(reader, cells);
            if (states > ushort.MaxValue || delta16.AsSpan().ContainsAnyInRange((ushort)states, ushort.MaxValue))
            {
                throw new InvalidDataException("automaton transition out of range in the cache");
            }
        }
        else
        {
            delta = CacheArrays.ReadIndexes(reader, 0, states, cells);
        }

        var firstOutput = CacheArrays.Read<int>(reader, states);
        var outputLiteral = CacheArrays.ReadIndexes(reader, 0, literals);
        var outputNext = CacheArrays.Read<int>(reader, outputLiteral.Length);
        var suffixOutput = CacheArrays.ReadIndexes(reader, -1, states, states);
        var report = CacheArrays.ReadIndexes(reader, -1, states, states);
        CacheArrays.CheckRange(firstOutput, -1, outputLiteral.Length);
        for (var o = 0; o < outputNext.Length; o++)
        {
            // Each output links to one added before it: every list ends.
            if (outputNext[o] < -1 || outputNext[o] >= o)
            {
                throw new InvalidDataException("automaton output list out of order in the cache");
            }
        }

        CheckSuffixChainsEnd(suffixOutput);
        return new AhoCorasick(asciiClass, otherClass, classes, delta, delta16, firstOutput, outputLiteral, outputNext, suffixOutput, report);
    }

    /// <summary>A search follows suffix links until the root or -1: a cycle would never end, so none may be there.</summary>
    private static void CheckSuffixChainsEnd(int[] suffix)
    {
        // 0 unvisited, 1 on the chain being followed, 2 known to end.
        var mark = new byte[suffix.Length];
        mark[0] = 2;
        for (var start = 1; start < suffix.Length; start++)
        {
            var node = start;
            while (node > 0 && mark[node] == 0)
            {
                mark[node] = 1;
                node = suffix[node];
            }

            if (node > 0 && mark[node] == 1)
            {
                throw new InvalidDataException("automaton suffix links form a cycle in the cache");
            }

            for (node = start; node > 0 && mark[node] == 1; node = suffix[node])
            {
                mark[node] = 2;
            }
        }
    }

}
