namespace Vigie.Evtx.BinXml;

/// <summary>The kinds of node in a compiled template.</summary>
internal enum NodeKind : byte
{
    Element,
    Attribute,
    Text,
    Substitution,
    CharRef,
    EntityRef,
    CData,
    ProcessingInstruction,
}
