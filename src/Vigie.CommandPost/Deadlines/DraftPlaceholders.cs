using System.Collections.Frozen;

namespace Vigie.CommandPost.Deadlines;

/// <summary>The placeholders a draft template may use ({{name}}); <see cref="DraftBuilder"/> fills them from the incident.</summary>
public static class DraftPlaceholders
{
    public static readonly FrozenSet<string> Known = new[]
    {
        "etablissement", "incident", "detection", "declaration", "debut", "echeance", "phase", "gravite",
        "services", "mesures", "contact", "journal", "date", "autorite", "base_legale",
    }.ToFrozenSet(StringComparer.Ordinal);
}
