using System.Text.Encodings.Web;
using System.Text.Unicode;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Journal;
using Vigie.Web.Journal;

namespace Vigie.Web.Tests.Pages;

public sealed class JournalEntriesHtmlTests
{
    private static readonly JournalEntriesHtml.Labels s_labels = new(
        Enum.GetValues<JournalKind>().ToDictionary(k => k, k => k.ToString()), "saisi le", "Corrige", "Corrigée par", "Corriger");

    [Fact]
    public void Render_EncodesEverythingPeopleTyped_AndLinksCorrections()
    {
        var at = new DateTimeOffset(2024, 2, 11, 1, 0, 0, TimeSpan.Zero);
        var entries = new[]
        {
            new JournalEntry(1, 3, at, at.AddHours(2), "<b>mallory</b>", JournalKind.Fait, "Correction <script>alert(1)</script> été", 2, null, "", ""),
            new JournalEntry(1, 2, at, at, "alice", JournalKind.Note, "\"quoted\" & <i>", null, null, "", ""),
        };
        var html = JournalEntriesHtml.Render(entries, 1, s_labels, HospitalClock.Paris(),
            HtmlEncoder.Create(UnicodeRanges.All), canWrite: true);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("été", html, StringComparison.Ordinal);
        Assert.Contains("11/02/2024 02:00:00", html, StringComparison.Ordinal); // Europe/Paris, winter time
        Assert.Contains("saisi le 11/02/2024 04:00:00", html, StringComparison.Ordinal);
        Assert.Contains("Corrige <a href=\"#e2\">n°2</a>", html, StringComparison.Ordinal);
        Assert.Contains("Corrigée par <a href=\"#e3\">n°3</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/1/journal?correct=2#entry-form\"", html, StringComparison.Ordinal);
    }
}
