namespace Vigie.Sigma;

/// <summary>
/// A field that compiled rules read from events: a small integer id (dense, from 0) resolved once at
/// compile time, and its canonical name. Adapters may look values up by either.
/// </summary>
public readonly record struct SigmaField(int Id, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
