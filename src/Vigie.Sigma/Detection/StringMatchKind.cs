namespace Vigie.Sigma.Detection;

/// <summary>How a <see cref="StringMatcher"/> compares.</summary>
internal enum StringMatchKind
{
    Equals,
    StartsWith,
    EndsWith,
    Contains,
}
