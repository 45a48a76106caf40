namespace Vigie.Sigma.Prefilter;

/// <summary>
/// A case-insensitive Aho-Corasick automaton compiled to a dense DFA over the literals' own alphabet:
/// one pass over a value reports every literal it contains. Case folding is per UTF-16 unit with the
/// invariant upper case, the same as <see cref="StringComparison.OrdinalIgnoreCase"/> outside surrogates
/// (literals with surrogates are never given to it).
/// </summary>
internal sealed class AhoCorasick
{
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
        // Alphabet: folded chars of the literals; class 0 is every other char.
        var alphabet = new Dictionary<char, int>();
        foreach (var literal in literals)
        {
            foreach (var c in literal)
            {
                var f = Fold(c);
                if (!alphabet.ContainsKey(f))
                {
                    alphabet[f] = alphabet.Count + 1;
                }
            }
        }

        _classes = alphabet.Count + 1;
        if (alphabet.Count > 255)
        {
            throw new InvalidOperationException("alphabet too large");
        }

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

        // Trie.
        var children = new List<Dictionary<int, int>> { new() };
        var outputs = new List<List<int>?> { null };
        for (var id = 0; id < literals.Count; id++)
        {
            var node = 0;
            foreach (var c in literals[id])
            {
                var cls = alphabet[Fold(c)];
                if (!children[node].TryGetValue(cls, out var next))
                {
                    next = children.Count;
                    children[node][cls] = next;
                    children.Add([]);
                    outputs.Add(null);
                }

                node = next;
            }

            (outputs[node] ??= []).Add(id);
        }

        var count = children.Count;
        _delta = new int[checked(count * _classes)];
        var fail = new int[count];
        _suffixOutput = new int[count];
        Array.Fill(_suffixOutput, -1);

        // Breadth-first: failure links, then the full transition table.
        var queue = new Queue<int>();
        for (var cls = 0; cls < _classes; cls++)
        {
            if (children[0].TryGetValue(cls, out var child))
            {
                _delta[cls] = child;
                fail[child] = 0;
                queue.Enqueue(child);
            }
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            var f = fail[node];
            _suffixOutput[node] = outputs[f] is not null ? f : _suffixOutput[f];

            // The failure state is shallower, so its row is complete: start from it, then put the node's own
            // children in (a row copy instead of one dictionary lookup per class).
            Array.Copy(_delta, f * _classes, _delta, node * _classes, _classes);
            foreach (var (cls, child) in children[node])
            {
                fail[child] = _delta[(f * _classes) + cls];
                _delta[(node * _classes) + cls] = child;
                queue.Enqueue(child);
            }
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

        if (count <= ushort.MaxValue)
        {
            // Half the memory, so twice the states per cache line: most automata fit.
            _delta16 = new ushort[_delta.Length];
            for (var i = 0; i < _delta.Length; i++)
            {
                _delta16[i] = (ushort)_delta[i];
            }

            _delta = [];
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
                var folded = CaseFold.Upper(c);
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
                var folded = CaseFold.Upper(c);
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

    internal static char Fold(char c) => c < 128 ? (c is >= 'a' and <= 'z' ? (char)(c - 32) : c) : CaseFold.Upper(c);
}

/// <summary>Receives the literals an <see cref="AhoCorasick"/> search finds.</summary>
internal interface ILiteralSink
{
    void OnLiteral(int literal);
}
