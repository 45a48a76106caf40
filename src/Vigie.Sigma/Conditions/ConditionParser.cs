namespace Vigie.Sigma.Conditions;

/// <summary>
/// Parses a Sigma condition: <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; <c>x of</c> &lt; parentheses, with
/// <c>1 of</c>/<c>all of</c> a pattern or <c>them</c>. Recursion is bounded.
/// </summary>
internal sealed class ConditionParser
{
    private const int MaxDepth = 100;
    private readonly List<string> _tokens;
    private int _position;
    private int _depth;

    private ConditionParser(List<string> tokens) => _tokens = tokens;

    public static ConditionExpr? TryParse(string text, out string error)
    {
        error = "";
        if (text.Contains('|', StringComparison.Ordinal))
        {
            error = "aggregation expressions ('| count() ...') are obsolete; use a correlation rule";
            return null;
        }

        var tokens = Tokenize(text);
        if (tokens.Count == 0)
        {
            error = "the condition is empty";
            return null;
        }

        var parser = new ConditionParser(tokens);
        try
        {
            var expr = parser.ParseOr();
            if (parser._position != tokens.Count)
            {
                error = $"unexpected '{tokens[parser._position]}' in condition";
                return null;
            }

            return expr;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')')
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }

    private string? Peek => _position < _tokens.Count ? _tokens[_position] : null;

    private bool IsWord(string word) => Peek is { } t && t.Equals(word, StringComparison.OrdinalIgnoreCase);

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new FormatException($"condition nested deeper than {MaxDepth} levels");
        }
    }

    private ConditionExpr ParseOr()
    {
        Enter();
        var items = new List<ConditionExpr> { ParseAnd() };
        while (IsWord("or"))
        {
            _position++;
            items.Add(ParseAnd());
        }

        _depth--;
        return items.Count == 1 ? items[0] : new OrExpr(items);
    }

    private ConditionExpr ParseAnd()
    {
        var items = new List<ConditionExpr> { ParseNot() };
        while (IsWord("and"))
        {
            _position++;
            items.Add(ParseNot());
        }

        return items.Count == 1 ? items[0] : new AndExpr(items);
    }

    private ConditionExpr ParseNot()
    {
        if (IsWord("not"))
        {
            _position++;
            Enter();
            var inner = ParseNot();
            _depth--;
            return new NotExpr(inner);
        }

        return ParsePrimary();
    }

    private ConditionExpr ParsePrimary()
    {
        var token = Peek ?? throw new FormatException("the condition ends too early");
        if (token == "(")
        {
            _position++;
            var inner = ParseOr();
            if (Peek != ")")
            {
                throw new FormatException("missing ')' in condition");
            }

            _position++;
            return inner;
        }

        if (token == ")")
        {
            throw new FormatException("unexpected ')' in condition");
        }

        if (token is "and" or "or" or "of" or "them" || IsWord("and") || IsWord("or"))
        {
            throw new FormatException($"unexpected '{token}' in condition");
        }

        if (_position + 1 < _tokens.Count && _tokens[_position + 1].Equals("of", StringComparison.OrdinalIgnoreCase))
        {
            int count;
            if (token.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                count = 0;
            }
            else if (!int.TryParse(token, out count) || count < 1)
            {
                throw new FormatException($"'{token} of' is not a valid quantifier (use '1 of' or 'all of')");
            }

            _position += 2;
            var target = Peek ?? throw new FormatException($"'{token} of' needs a pattern or 'them'");
            if (target is "(" or ")")
            {
                throw new FormatException($"'{token} of' needs a pattern or 'them'");
            }

            _position++;
            return new OfExpr(count, target.Equals("them", StringComparison.OrdinalIgnoreCase) ? null : target);
        }

        _position++;
        return new IdentifierExpr(token);
    }
}
