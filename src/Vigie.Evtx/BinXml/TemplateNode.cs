namespace Vigie.Evtx.BinXml;

/// <summary>
/// One node of a compiled template, stored flat in document order. An element is followed by its
/// attributes (each followed by its value parts), then by its content; <see cref="End"/> is the index just
/// past the element's subtree (or the attribute's parts).
/// </summary>
internal struct TemplateNode
{
    public NodeKind Kind;

    /// <summary>Substitution: the declared value type.</summary>
    public byte ValueType;

    /// <summary>Substitution: optional (0x0e) rather than normal (0x0d).</summary>
    public bool Optional;

    /// <summary>Element: the content holds child elements or Binary XML substitutions (rendered as a block).</summary>
    public bool BlockContent;

    /// <summary>Substitution: the value index; character reference: the code point.</summary>
    public int Index;

    /// <summary>Element or attribute name, literal text, entity name, CDATA text, PI target.</summary>
    public string? Text;

    /// <summary>Processing instruction data.</summary>
    public string? Text2;

    /// <summary>Element: index of the first content node (just past the attributes).</summary>
    public int ContentStart;

    /// <summary>Element: index past the subtree. Attribute: index past its value parts.</summary>
    public int End;

    /// <summary>Element and attribute: the name in UTF-8. Text: the text in UTF-8, escaped for where it sits.</summary>
    public byte[]? Utf8;

    /// <summary>Element and attribute: the name needs no JSON escaping (Utf8 can be written as a JSON key).</summary>
    public bool JsonSafeName;
}
