namespace Vigie.Sigma.Detection;

/// <summary>A value with wildcards inside (<c>a*b?c</c>), matched against the whole field value.</summary>
internal sealed class GlobMatcher : ValueMatcher
{
    private readonly string _pattern;
    private readonly bool _cased;
    private readonly string[]? _segments;
    private readonly bool _anchoredStart;
    private readonly bool _anchoredEnd;
    private readonly StringComparison _comparison;

    public GlobMatcher(string pattern, bool cased)
    {
        _pattern = pattern;
        _cased = cased;
        _comparison = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (pattern.IndexOf(SigmaText.One, StringComparison.Ordinal) < 0)
        {
            _segments = pattern.Split(SigmaText.Many);
            _anchoredStart = _segments[0].Length > 0;
            _anchoredEnd = _segments[^1].Length > 0;
        }
    }

    public string Pattern => _pattern;

    public bool Cased => _cased;

    public override bool IsMatch(ReadOnlySpan<char> value, EvalContext context) =>
        _segments is null ? MatchGeneric(value) : MatchSegments(value);

    private bool MatchSegments(ReadOnlySpan<char> value)
    {
        var segments = _segments!;
        var first = segments[0];
        var last = segments[^1];
        if (first.Length + last.Length > value.Length)
        {
            return false;
        }

        if (!value.StartsWith(first, _comparison) || !value.EndsWith(last, _comparison))
        {
            return false;
        }

        var rest = value[first.Length..(value.Length - last.Length)];
        for (var i = 1; i < segments.Length - 1; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                continue;
            }

            var at = rest.IndexOf(segment, _comparison);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + segment.Length)..];
        }

        return true;
    }

    private bool MatchGeneric(ReadOnlySpan<char> value)
    {
        var p = _pattern.AsSpan();
        int vi = 0, pi = 0, starP = -1, starV = 0;
        while (vi < value.Length)
        {
            if (pi < p.Length && p[pi] == SigmaText.Many)
            {
                starP = pi++;
                starV = vi;
            }
            else if (pi < p.Length && (p[pi] == SigmaText.One || Same(p[pi], value[vi])))
            {
                pi++;
                vi++;
            }
            else if (starP >= 0)
            {
                pi = starP + 1;
                vi = ++starV;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == SigmaText.Many)
        {
            pi++;
        }

        return pi == p.Length;
    }

    private bool Same(char a, char b) => a == b || (!_cased && Prefilter.CaseFold.Upper(a) == Prefilter.CaseFold.Upper(b));

    public override string? RequiredLiteral
    {
        get
        {
            var best = "";
            foreach (var piece in _pattern.Split(SigmaText.Many, SigmaText.One))
            {
                if (piece.Length > best.Length)
                {
                    best = piece;
                }
            }

            return Literal(best);
        }
    }

    public override string Describe() => $"matches '{SigmaText.Display(_pattern)}'{(_cased ? " (cased)" : "")}";
}
