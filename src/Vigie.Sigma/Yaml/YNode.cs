namespace Vigie.Sigma.Yaml;

/// <summary>A node of a parsed YAML document: what Sigma needs of YAML, nothing more.</summary>
internal abstract class YNode(int line)
{
    /// <summary>The 1-based line where the node starts.</summary>
    public int Line { get; } = line;
}

/// <summary>A scalar with its text and whether it was written plain (unquoted).</summary>
internal sealed class YScalar(string value, bool plain, int line) : YNode(line)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = plain;

    /// <summary>A plain <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool TryGetBool(out bool value)
    {
        value = false;
        if (!IsPlain)
        {
            return false;
        }

        switch (Value)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "on" or "On":
                value = true;
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "off" or "Off":
                return true;
            default:
                return false;
        }
    }

    public override string ToString() => Value;
}

/// <summary>A sequence.</summary>
internal sealed class YSeq(List<YNode> items, int line) : YNode(line)
{
    public List<YNode> Items { get; } = items;
}

/// <summary>A mapping with scalar keys, in document order (a repeated key keeps its last value).</summary>
internal sealed class YMap(List<KeyValuePair<string, YNode>> entries, int line) : YNode(line)
{
    public List<KeyValuePair<string, YNode>> Entries { get; } = entries;

    public YNode? this[string key]
    {
        get
        {
            for (var i = Entries.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Entries[i].Key, key, StringComparison.Ordinal))
                {
                    return Entries[i].Value;
                }
            }

            return null;
        }
    }

    public bool Has(string key) => this[key] is not null;
}
