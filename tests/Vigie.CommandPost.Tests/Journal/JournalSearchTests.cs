using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Journal;

/// <summary>Searching the journal on both databases: words without accents or case, author, kind, time range, pages.</summary>
public sealed class JournalSearchTests
{
    private static readonly DateTimeOffset s_start = new(2024, 2, 11, 1, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    /// <summary>An incident whose entries happen one per quarter of an hour from 01:00 UTC, and a second incident that must never show.</summary>
    private static async Task<(Services S, long Incident)> SetUpAsync(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(s_start.AddDays(1));
        var s = await Services.CreateAsync(kind, clock);
        var incident = await s.NewIncidentAsync(detectedAt: s_start);
        var other = await s.NewIncidentAsync("Autre incident", s_start);
        (string Author, JournalKind Kind, string Text)[] lines =
        [
            ("alice", JournalKind.Fait, "Notes de rançon imprimées sur toutes les imprimantes"),           // seq 2, 01:00
            ("bob", JournalKind.Decision, "ÉVACUATION du service de réanimation vers Lomme"),           // seq 3, 01:15
            ("alice", JournalKind.Action, "Évacuation préparée : transport SMUR demandé"),                // seq 4, 01:30
            ("carla", JournalKind.Communication, "Communiqué à la presse sur l'évacuation"),            // seq 5, 01:45
            ("bob", JournalKind.Fait, "Cœur de réseau isolé ; plan blanc déclenché"),                   // seq 6, 02:00
            ("alice", JournalKind.Note, "Retour des équipes : \"évacuations\" terminées (100 %)"),        // seq 7, 02:15
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            var (author, entryKind, text) = lines[i];
            var appended = await s.Journal.AppendAsync(incident.Id, author, new NewJournalEntry(entryKind, text, s_start.AddMinutes(15 * i)));
            Assert.True(appended.IsOk, appended.Problem?.Message);
            Assert.True((await s.Journal.AppendAsync(other.Id, author, new NewJournalEntry(entryKind, text, s_start.AddMinutes(15 * i)))).IsOk);
        }

        return (s, incident.Id);
    }

    private static async Task<IReadOnlyList<long>> SeqsAsync(Services s, long incident, JournalSearchQuery query)
    {
        var result = await s.Get<JournalSearch>().SearchAsync(incident, query);
        Assert.True(result.IsOk, result.Problem?.Message);
        Assert.All(result.Value.Entries, e => Assert.Equal(incident, e.IncidentId));
        return result.Value.Entries.Select(e => e.Seq).ToList();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Search_IgnoresAccentsAndCase_AndMatchesWordStarts(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        Assert.Equal([7L, 5, 4, 3], await SeqsAsync(s, id, new JournalSearchQuery("evacuation")));
        Assert.Equal([7L, 5, 4, 3], await SeqsAsync(s, id, new JournalSearchQuery("ÉVAC")));
        Assert.Equal([3L], await SeqsAsync(s, id, new JournalSearchQuery("reanimation")));
        Assert.Equal([6L], await SeqsAsync(s, id, new JournalSearchQuery("coeur")));
        Assert.Equal([2L, 1], await SeqsAsync(s, id, new JournalSearchQuery("RANCON"))); // "rançongiciel" in the declaration too
        Assert.Empty(await SeqsAsync(s, id, new JournalSearchQuery("vacuation"))); // a word's start, not its middle
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Search_RequiresEveryWord_AndCombinesAuthorKindAndTimeRange(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        Assert.Equal([3L], await SeqsAsync(s, id, new JournalSearchQuery("évacuation lomme")));
        Assert.Equal([6L], await SeqsAsync(s, id, new JournalSearchQuery("plan-blanc")));
        Assert.Equal([7L, 4, 2], await SeqsAsync(s, id, new JournalSearchQuery(Author: "alice")));
        Assert.Equal([7L, 4], await SeqsAsync(s, id, new JournalSearchQuery("evacuation", Author: "alice")));
        Assert.Equal([4L], await SeqsAsync(s, id, new JournalSearchQuery("evacuation", Author: "alice", Kind: JournalKind.Action)));
        Assert.Equal([6L, 2], await SeqsAsync(s, id, new JournalSearchQuery(Kind: JournalKind.Fait)));
        Assert.Equal([5L, 4, 3], await SeqsAsync(s, id, new JournalSearchQuery(From: s_start.AddMinutes(15), To: s_start.AddMinutes(45))));
        Assert.Equal([5L, 4], await SeqsAsync(s, id, new JournalSearchQuery("evac", From: s_start.AddMinutes(30), To: s_start.AddMinutes(45))));
        Assert.Equal([4L], await SeqsAsync(s, id, new JournalSearchQuery(Author: "alice", Kind: JournalKind.Action, From: s_start, To: s_start.AddHours(2))));
        Assert.Empty(await SeqsAsync(s, id, new JournalSearchQuery("evacuation", Author: "mallory")));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Search_ByPages_ContinuesWithNextBeforeSeq(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        var search = s.Get<JournalSearch>();
        var first = (await search.SearchAsync(id, new JournalSearchQuery("evacuation", Limit: 3))).Value;
        Assert.Equal([7L, 5, 4], first.Entries.Select(e => e.Seq));
        Assert.Equal(4L, first.NextBeforeSeq);
        Assert.Equal(["evacuation"], first.Terms);
        var second = (await search.SearchAsync(id, new JournalSearchQuery("evacuation", Limit: 3, BeforeSeq: first.NextBeforeSeq))).Value;
        Assert.Equal([3L], second.Entries.Select(e => e.Seq));
        Assert.Null(second.NextBeforeSeq);
        var unfiltered = (await search.SearchAsync(id, new JournalSearchQuery(Limit: 4, BeforeSeq: 6))).Value;
        Assert.Equal([5L, 4, 3, 2], unfiltered.Entries.Select(e => e.Seq));

        // A closed time range takes its entries by the occurred_at index, then pages them newest first (5602).
        var range = new JournalSearchQuery(From: s_start, To: s_start.AddHours(2));
        var all = await SeqsAsync(s, id, range);
        var paged = new List<long>();
        long? before = null;
        do
        {
            var page = (await search.SearchAsync(id, range with { Limit = 2, BeforeSeq = before })).Value;
            paged.AddRange(page.Entries.Select(e => e.Seq));
            before = page.NextBeforeSeq;
        }
        while (before is not null);
        Assert.True(all.Count() >= 3, $"{all.Count()} entries in the range");
        Assert.Equal(all, paged);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Search_WhenTheTextIsFullTextSyntax_FindsTheWordsInsteadOfFailing(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        foreach (var text in new[] { "\"évacuations\"", "NEAR(évacuation lomme)", "évacuation OR presse", "évacuation:* & !lomme", "l'évacuation", "100 %" })
        {
            Assert.True((await s.Get<JournalSearch>().SearchAsync(id, new JournalSearchQuery(text))).IsOk, text);
        }

        Assert.Equal([7L], await SeqsAsync(s, id, new JournalSearchQuery("\"évacuations\" (100 %)")));
        Assert.Equal([5L], await SeqsAsync(s, id, new JournalSearchQuery("sur l'évacuation"))); // the elided "l" is not a word
        Assert.Equal([6L], await SeqsAsync(s, id, new JournalSearchQuery("cœur")));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Search_WhenAnEntryIsAppendedInAFeaturesTransaction_FindsItAtOnce(DatabaseKind kind)
    {
        var (s, id) = await SetUpAsync(kind);
        await using var _ = s;
        await s.Database.WriteAsync(unit => s.Journal.AppendAsync(unit, id, "systeme", new NewJournalEntry(JournalKind.Decision, "Délestage des urgences adultes")));
        Assert.Equal([8L], await SeqsAsync(s, id, new JournalSearchQuery("delestage")));
    }

    [Fact]
    public void Validate_NamesTheFieldAtFault()
    {
        Assert.Equal("limit", JournalSearch.Validate(new JournalSearchQuery(Limit: 0))!.Field);
        Assert.Equal("limit", JournalSearch.Validate(new JournalSearchQuery(Limit: JournalSearchQuery.MaxLimit + 1))!.Field);
        Assert.Equal("q", JournalSearch.Validate(new JournalSearchQuery("!!! ?"))!.Field);
        Assert.Equal("to", JournalSearch.Validate(new JournalSearchQuery(From: s_start, To: s_start.AddSeconds(-1)))!.Field);
        Assert.Equal("beforeSeq", JournalSearch.Validate(new JournalSearchQuery(BeforeSeq: 0))!.Field);
        Assert.Null(JournalSearch.Validate(new JournalSearchQuery("évacuation", "alice", JournalKind.Fait, s_start, s_start)));
    }

    [Fact]
    public void Terms_AreLettersAndDigitsOnly_EachOnce()
    {
        Assert.Equal(["Évacuation", "de", "hôpital", "05", "40"], JournalSearchTerms.Parse("  \"Évacuation\" de* l'hôpital -- 05:40 évacuation "));
        Assert.Equal(["l"], JournalSearchTerms.Parse("l'"));
        Assert.Equal(["tri", "1"], JournalSearchTerms.Parse("tri 1"));
        Assert.Equal("\"a\"* \"b\"*", JournalSearchTerms.ToFts5(["a", "b"]));
        Assert.Equal("(\"Coeur\"* OR \"Cœur\"*)", JournalSearchTerms.ToFts5(["Cœur"]));
        Assert.Equal("a:* & b:*", JournalSearchTerms.ToTsQuery(["a", "b"]));
    }
}
