using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Architecture;

public sealed class NamespaceTests
{
    private static readonly NamespaceGraph s_graph =
        NamespaceGraph.Read(typeof(VigieWebApp).Assembly.Location, "Vigie.Web");

    [Fact]
    public void Features_DoNotUseEachOtherInACycle() =>
        Assert.True(s_graph.FindCycle() is null, $"Namespace cycle in Vigie.Web: {s_graph.FindCycle()}");

    [Fact]
    public void Foundations_DoNotUseFeatures()
    {
        var wrong = s_graph.FoundationsUsingFeatures("Common", "Hosting", "Auth", "Live");
        Assert.True(wrong.Count == 0, "Common, Hosting, Auth and Live are used by features and must not use one: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Graph_SeesWhatFeaturesUse()
    {
        // Razor components count too: the incident list uses the phase badge through its generated code.
        Assert.Contains("Common", s_graph.Edges["Journal"].Keys);
        Assert.Contains("Incidents", s_graph.Edges["(root)"].Keys);
        Assert.Contains("Hosting", s_graph.Edges["Deadlines"].Keys);
    }
}
