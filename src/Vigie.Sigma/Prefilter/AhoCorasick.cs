namespace Vigie.Sigma.Prefilter;

/// <summary>
/// A case-insensitive Aho-Corasick automaton compiled to a dense DFA over the literals' own alphabet:
/// one pass over a value reports every literal it contains. Case folding is per UTF-16 unit with the
/// invariant upper case, the same as <see cref="StringComparison.OrdinalIgnoreCase"/> outside surrogates.
/// Every high surrogate is one character to it, and every low surrogate another: a literal with an emoji is
/// reported for any character outside the BMP there. That is more than the literal, never less, whatever the case
/// rules of those characters (ordinal case-insensitive comparison maps a surrogate pair only to another pair), and
/// it keeps the alphabet small: the emojis of a rule would otherwise each add a class.
/// </summary>
internal sealed partial class AhoCorasick
{
    /// <summary>The last class: the characters that come after 254 others share it.</summary>
    private const int SharedClass = 255;

    private readonly byte[] _asciiClass = new byte[128];
    private readonly Dictionary<char, int> _otherClass = [];
    private readonly int _classes;
    private readonly int[] _delta;
    private readonly ushort[]? _delta16;
    private readonly int[] _firstOutput;
    private readonly int[] _outputLiteral;
    private readonly int[] _outputNext;
    private readonly int[] _suffixOutput;
    private readonly int[] _report;

    public AhoCorasick(IReadOnlyList<string> literals)
    {
        // The literals folded once; the alphabet is their characters (class 0 is every other char). A class is a
        // byte: past 254 classes, the characters not yet given one (never ASCII: those come first) share the last,
        // so the automaton finds more than the literals there (never less) instead of failing on a rule's emojis.
        var folded = new string[literals.Count];
        for (var id = 0; id < literals.Count; id++)
        {
            folded[id] = FoldAll(literals[id]);
        }

        var alphabet = new Dictionary<char, int>();
        foreach (var ascii in (bool[])[true, false])
        {
            foreach (var text in folded)
            {
                foreach (var c in text)
                {
                    if ((c < 128) == ascii && !alphabet.ContainsKey(c))
                    {
                        alphabet[c] = Math.Min(alphabet.Count + 1, SharedClass);
                    }
                }
            }
        }

        _classes = alphabet.Count == 0 ? 1 : alphabet.Values.Max() + 1;
        for (var c = 0; c < 128; c++)
        {
            _asciiClass[c] = alphabet.TryGetValue(Fold((char)c), out var cls) ? (byte)cls : (byte)0;
        }

        foreach (var (c, cls) in alphabet)
        {
            if (c >= 128)
            {
                _otherClass[c] = cls;
            }
        }

        // The trie has a node per distinct prefix, counted up front (sorted, each literal adds the part it does not
        // share with the one before) so that the table is allocated once at its final size.
        var sorted = (string[])folded.Clone();
        Array.Sort(sorted, StringComparer.Ordinal);
        var count = 1;
        for (var i = 0; i < sorted.Length; i++)
        {
            var shared = i == 0 ? 0 : sorted[i].AsSpan().CommonPrefixLength(sorted[i - 1]);
            count += sorted[i].Length - shared;
        }

        var outputs = new List<int>?[count];
        var fail = new int[count];
        _suffixOutput = new int[count];
        Array.Fill(_suffixOutput, -1);
        if (count <= ushort.MaxValue)
        {
            // Half the memory, so twice the states per cache line: most automata fit.
            _delta16 = Build<ushort>(folded, alphabet, _classes, outputs, fail, _suffixOutput);
            _delta = [];
        }
        else
        {
            _delta = Build<int>(folded, alphabet, _classes, outputs, fail, _suffixOutput);
        }

        // Outputs as linked lists in flat arrays.
        _firstOutput = new int[count];
        Array.Fill(_firstOutput, -1);
        var outLiteral = new List<int>();
        var outNext = new List<int>();
        for (var node = 0; node < count; node++)
        {
            if (outputs[node] is { } list)
            {
                foreach (var id in list)
                {
                    outLiteral.Add(id);
                    outNext.Add(_firstOutput[node]);
                    _firstOutput[node] = outLiteral.Count - 1;
                }
            }
        }

        _outputLiteral = [.. outLiteral];
        _outputNext = [.. outNext];
        // Where reporting starts for each state: itself when it ends a literal, else its nearest suffix that does.
        _report = new int[count];
        for (var node = 0; node < count; node++)
        {
            _report[node] = _firstOutput[node] >= 0 ? node : _suffixOutput[node];
        }

        States = count;
    }

    public int States { get; }

    /// <summary>
    /// The transition table (row r: state r, one column per class): the trie first, in the rows themselves (0 is
    /// no child, since the root is nobody's child), then completed breadth-first in place: a row is filled from its
    /// failure state's row (shallower, so complete already); before that it holds only trie edges, so a non-zero
    /// entry is a child. No dictionary per node, no second table.
    /// </summary>
    private static T[] Build<T>(string[] folded, Dictionary<char, int> alphabet, int classes, List<int>?[] outputs, int[] fail, int[] suffixOutput)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var table = new T[checked(outputs.Length * classes)];
        var next = 1;
        for (var id = 0; id < folded.Length; id++)
        {
            var node = 0;
            foreach (var c in folded[id])
            {
                var at = (node * classes) + alphabet[c];
                var child = int.CreateTruncating(table[at]);
                if (child == 0)
                {
                    child = next++;
                    table[at] = T.CreateTruncating(child);
                }

                node = child;
            }

            (outputs[node] ??= []).Add(id);
        }

        var queue = new Queue<int>();
        for (var cls = 0; cls < classes; cls++)
        {
            if (int.CreateTruncating(table[cls]) is var child and not 0)
            {
                queue.Enqueue(child);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var f = fail[node];
            suffixOutput[node] = outputs[f] is not null ? f : suffixOutput[f];
            var row = node * classes;
            var failRow = f * classes;
            for (var cls = 0; cls < classes; cls++)
            {
                var child = int.CreateTruncating(table[row + cls]);
                if (child != 0)
                {
                    fail[child] = int.CreateTruncating(table[failRow + cls]);
                    queue.Enqueue(child);
                }
                else
                {
                    table[row + cls] = table[failRow + cls];
                }
            }
        }

        return table;
    }

    public long TableBytes => _delta16 is not null ? (long)_delta16.Length * sizeof(ushort) : (long)_delta.Length * sizeof(int);

    /// <summary>Calls the sink for every literal occurrence in <paramref name="text"/>.</summary>
    public void Search<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, ILiteralSink
    {
        if (_delta16 is not null)
        {
            Search16(text, ref sink);
            return;
        }

        var delta = _delta;
        var classes = _classes;
        var ascii = _asciiClass;
        var report = _report;
        var state = 0;
        foreach (var c in text)
        {
            int cls;
            if (c < 128)
            {
                cls = ascii[c];
            }
            else
            {
                var folded = FoldOther(c);
                cls = folded < 128 ? ascii[folded] : _otherClass.Count != 0 && _otherClass.TryGetValue(folded, out var other) ? other : 0;
            }

            state = delta[(state * classes) + cls];
            var node = report[state];
            if (node > 0)
            {
                while (node > 0)
                {
                    for (var o = _firstOutput[node]; o >= 0; o = _outputNext[o])
                    {
                        sink.OnLiteral(_outputLiteral[o]);
                    }

                    node = _suffixOutput[node];
                }
            }
        }
    }

    /// <summary><see cref="Search"/> over the 16-bit table.</summary>
    private void Search16<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, ILiteralSink
    {
        var delta = _delta16!;
        var classes = _classes;
        var ascii = _asciiClass;
        var report = _report;
        var state = 0;
        foreach (var c in text)
        {
            int cls;
            if (c < 128)
            {
                cls = ascii[c];
            }
            else
            {
                var folded = FoldOther(c);
                cls = folded < 128 ? ascii[folded] : _otherClass.Count != 0 && _otherClass.TryGetValue(folded, out var other) ? other : 0;
            }

            state = delta[(state * classes) + cls];
            var node = report[state];
            if (node > 0)
            {
                while (node > 0)
                {
                    for (var o = _firstOutput[node]; o >= 0; o = _outputNext[o])
                    {
                        sink.OnLiteral(_outputLiteral[o]);
                    }

                    node = _suffixOutput[node];
                }
            }
        }
    }

    /// <summary><paramref name="text"/> with every UTF-16 unit folded (<see cref="Fold"/>).</summary>
    internal static string FoldAll(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            buffer[i] = Fold(text[i]);
        }

        return new string(buffer);
    }

    internal static char Fold(char c) => c < 128 ? (c is >= 'a' and <= 'z' ? (char)(c - 32) : c) : FoldOther(c);

    private static char FoldOther(char c) => char.IsSurrogate(c) ? (char.IsHighSurrogate(c) ? '\uD800' : '\uDC00') : CaseFold.Upper(c);
}

/// <summary>Receives the literals an <see cref="AhoCorasick"/> search finds.</summary>
internal interface ILiteralSink
{
    void OnLiteral(int literal);
}
