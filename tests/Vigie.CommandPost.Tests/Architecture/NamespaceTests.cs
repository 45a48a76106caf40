using Vigie.Web.Testing;

namespace Vigie.CommandPost.Tests.Architecture;

public sealed class NamespaceTests
{
    private static readonly NamespaceGraph s_graph =
        NamespaceGraph.Read(typeof(CommandPostServices).Assembly.Location, "Vigie.CommandPost");

    [Fact]
    public void Features_DoNotUseEachOtherInACycle() =>
        Assert.True(s_graph.FindCycle() is null, $"Namespace cycle in Vigie.CommandPost: {s_graph.FindCycle()}");

    [Fact]
    public void Foundations_DoNotUseFeatures()
    {
        var wrong = s_graph.FoundationsUsingFeatures("Common", "Storage", "Audit");
        Assert.True(wrong.Count == 0, "Common, Storage and Audit are used by features and must not use one: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Graph_SeesWhatFeaturesUse()
    {
        // The reading itself: if it found nothing, the two tests above would pass for nothing.
        Assert.Contains("Journal", s_graph.Edges["Actions"].Keys);
        Assert.Contains("Storage", s_graph.Edges["Journal"].Keys);
        Assert.Contains("Incidents", s_graph.Edges["(root)"].Keys);
    }
}
