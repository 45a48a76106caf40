namespace Vigie.Sigma.Tests.Regression;

/// <summary>At least 99.5% of the shared SigmaHQ rules load; every rejection has a reason.</summary>
public sealed class LoadRateTests(ITestOutputHelper output)
{
    [Fact]
    public void SharedRules_WhenLoaded_AtLeast995PerMilleLoad()
    {
        var set = SharedRules.WithPrefilter;
        var loaded = set.Rules.Count;
        var rejected = set.Rejections.Count;
        foreach (var rejection in set.Rejections)
        {
            output.WriteLine(rejection.ToString());
        }

        output.WriteLine($"{loaded} loaded, {rejected} rejected, {set.VariantCount} variants, {set.Fields.Count} fields");
        Assert.All(set.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.True(loaded >= 2800, $"only {loaded} rules loaded");
        Assert.True(loaded * 1000L >= (loaded + rejected) * 995L, $"{rejected} of {loaded + rejected} rules rejected");
    }
}
