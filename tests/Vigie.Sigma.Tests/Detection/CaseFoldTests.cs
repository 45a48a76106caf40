using Vigie.Sigma.Prefilter;

namespace Vigie.Sigma.Tests.Detection;

/// <summary>The prefilter folds case exactly as ordinal ignore-case comparison does, for every UTF-16 unit.</summary>
public sealed class CaseFoldTests
{
    [Fact]
    public void Fold_AgreesWithOrdinalIgnoreCase()
    {
        for (var i = 0; i < 65536; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            var upper = char.ToUpperInvariant(c);
            foreach (var other in new[] { lower, upper })
            {
                var equal = string.Equals(c.ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);
                Assert.True(equal == (CaseFold.Upper(c) == CaseFold.Upper(other)), $"U+{i:X4} and U+{(int)other:X4}");
            }
        }
    }

    [Fact]
    public void LongS_IsNotAnS_ForMatchersAndPrefilterAlike() =>
        Assert.False(TestRules.Matches("sel:\n    CommandLine|contains: 'sekurlsa'\ncondition: sel", ("CommandLine", "\u017Fekurlsa")));
}
