namespace Vigie.CommandPost.Continuity.Facilities;

/// <summary>The sample directory of the Armentières territory shipped with Vigie (embedded; see Sample/README.md for sources and licence).</summary>
public static class SampleTerritory
{
    public const string ResourceName = "continuity/sample/armentieres.csv";

    public static byte[] Bytes()
    {
        using var stream = typeof(SampleTerritory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The sample territory ({ResourceName}) is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
