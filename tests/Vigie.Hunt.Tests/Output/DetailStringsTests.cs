using Vigie.Hunt.Pipeline;

namespace Vigie.Hunt.Tests.Output;

/// <summary>A worker's detail texts: one string per distinct text, the text itself, bounded.</summary>
public sealed class DetailStringsTests
{
    [Fact]
    public void Get_GivesTheTextAndTheSameStringForTheSameText()
    {
        var strings = new DetailStrings();
        var first = strings.Get("C:\\Windows\\System32\\cmd.exe".AsSpan());
        var again = strings.Get("C:\\Windows\\System32\\cmd.exe".ToCharArray());
        var other = strings.Get("C:\\Windows\\System32\\CMD.exe".AsSpan());

        Assert.Equal("C:\\Windows\\System32\\cmd.exe", first);
        Assert.Same(first, again);
        Assert.Equal("C:\\Windows\\System32\\CMD.exe", other); // compared as they are: case kept
        Assert.Equal("", strings.Get([]));
    }

    [Fact]
    public void Get_PastItsBound_StillGivesEveryTextRight()
    {
        var strings = new DetailStrings();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), strings.Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture).AsSpan()));
        }
    }
}
