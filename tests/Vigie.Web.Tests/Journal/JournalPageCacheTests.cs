using System.Text.RegularExpressions;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Journal;

/// <summary>
/// The journal tab's newest page is kept between requests (JournalPageCache): what each screen reads must still be
/// exactly what the database holds, whatever was appended, corrected or read before, in whichever language and role.
/// </summary>
public sealed partial class JournalPageCacheTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    [Theory, MemberData(nameof(Kinds))]
    public async Task NewestPage_FollowsAppendsAndCorrections_AfterBeingRead(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var (incident, path) = await IncidentAsync(server);
        var journal = server.Service<JournalService>();
        using var session = new PageSession(server.Address);
        await session.LoginAsync("directrice");

        await journal.AppendAsync(incident, "directrice", new NewJournalEntry(JournalKind.Fait, "Premier fait"));
        Assert.Equal([2, 1], Seqs(await session.GetAsync(path)));

        // Appended after the page was kept: the next read shows them, newest first, nothing twice.
        await journal.AppendAsync(incident, "directrice", new NewJournalEntry(JournalKind.Fait, "Deuxième fait"));
        await journal.AppendAsync(incident, "directrice", new NewJournalEntry(JournalKind.Decision, "Décision prise"));
        var page = await session.GetAsync(path);
        Assert.Equal([4, 3, 2, 1], Seqs(page));
        Assert.Contains("Décision prise", page, StringComparison.Ordinal);

        // A correction of entry 2: its own item now says which entry corrects it (its kept HTML did not).
        var correction = (await journal.CorrectAsync(incident, 2, "directrice", "Premier fait, corrigé")).Value;
        page = await session.GetAsync(path);
        Assert.Equal([5, 4, 3, 2, 1], Seqs(page));
        Assert.Matches($"<li id=\"e2\"[^>]*>.*?class=\"corrected-by\">[^<]*<a href=\"#e{correction.Seq}\">", Item(page, 2));
        Assert.Contains("class=\"correction-of\"", Item(page, 5), StringComparison.Ordinal);
        Assert.DoesNotContain("corrected-by", Item(page, 3), StringComparison.Ordinal);

        // The same page in English, then in French again: each in its own words.
        await session.Http.GetAsync($"/culture/en?returnUrl={path}");
        var english = await session.GetAsync(path);
        Assert.Equal([5, 4, 3, 2, 1], Seqs(english));
        Assert.Contains("Corrected by", english, StringComparison.Ordinal);
        await session.Http.GetAsync($"/culture/fr?returnUrl={path}");
        Assert.Contains("Corrigée par", await session.GetAsync(path), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task NewestPage_IsAHundredEntries_TheOlderPagesAndFiltersReadTheDatabase(DatabaseKind kind)
    {
        await using var server = await TestServer.StartAsync(kind);
        var (incident, path) = await IncidentAsync(server);
        var journal = server.Service<JournalService>();
        using var session = new PageSession(server.Address);
        await session.LoginAsync("directrice");
        Assert.Equal([1], Seqs(await session.GetAsync(path)));

        // 150 entries after the page was kept (more than a page: the kept one is not extended but read again).
        for (var i = 0; i < 150; i++)
        {
            await journal.AppendAsync(incident, "directrice", new NewJournalEntry(i % 10 == 0 ? JournalKind.Decision : JournalKind.Note, $"Entrée {i + 2}"));
        }

        var page = await session.GetAsync(path);
        Assert.Equal(Enumerable.Range(52, 100).Reverse().Select(s => (long)s), Seqs(page));
        Assert.Contains($"{path}?before=52", page, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 51).Reverse().Select(s => (long)s), Seqs(await session.GetAsync($"{path}?before=52")));

        // Five more after it was kept again (the kept page extended): still the newest hundred.
        for (var i = 0; i < 5; i++)
        {
            await journal.AppendAsync(incident, "directrice", new NewJournalEntry(JournalKind.Note, $"Suite {i}"));
        }

        Assert.Equal(Enumerable.Range(57, 100).Reverse().Select(s => (long)s), Seqs(await session.GetAsync(path)));
        // The filter: every tenth entry is a decision, and so is the incident's opening entry (n°1).
        var decisions = Seqs(await session.GetAsync($"{path}?kind=decision"));
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)(i * 10 + 2)).Reverse().Append(1), decisions);
    }

    [Fact]
    public async Task NewestPage_KeptForAWriter_ShowsNoCorrectLinksToAnObserver()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        var (_, path) = await IncidentAsync(server);
        await server.CreateUserAsync("ars", UserRole.Observateur);
        using var writer = new PageSession(server.Address);
        await writer.LoginAsync("directrice");
        Assert.Contains($"{path}?correct=1", await writer.GetAsync(path), StringComparison.Ordinal);
        using var observer = new PageSession(server.Address);
        await observer.LoginAsync("ars");
        var page = await observer.GetAsync(path);
        Assert.Equal([1], Seqs(page));
        Assert.DoesNotContain("?correct=", page, StringComparison.Ordinal);
    }

    /// <summary>An incident opened by the director (account "directrice"), and its journal tab's path.</summary>
    private static async Task<(long Incident, string Path)> IncidentAsync(TestServer server)
    {
        await server.CreateUserAsync("directrice", UserRole.Directeur);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "directrice")).Value;
        return (incident.Id, $"/incidents/{incident.Id}/journal");
    }

    private static List<long> Seqs(string page) =>
        SeqPattern().Matches(page).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static string Item(string page, long seq)
    {
        var start = page.IndexOf($"<li id=\"e{seq}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"entry {seq} is not on the page");
        return page[start..(page.IndexOf("</li>", start, StringComparison.Ordinal) + 5)];
    }

    [GeneratedRegex("<li id=\"e(\\d+)\" class=\"entry")]
    private static partial Regex SeqPattern();
}
