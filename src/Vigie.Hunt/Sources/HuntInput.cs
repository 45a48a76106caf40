namespace Vigie.Hunt;

/// <summary>One input file of a hunt and how it is read.</summary>
public sealed record HuntInput(string Path, HuntInputKind Kind, long Length);
