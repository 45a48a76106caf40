using Vigie.CommandPost.Journal;

namespace Vigie.CommandPost.Tests.Journal;

public sealed class JournalChainTests
{
    private static readonly DateTimeOffset s_at = new(2024, 2, 11, 1, 2, 3, TimeSpan.Zero);

    private static JournalEntry Entry(string text = "Notes de rançon imprimées", long seq = 1, string prev = JournalChain.Genesis)
    {
        var e = new JournalEntry(7, seq, s_at, s_at.AddMinutes(5), "alice", JournalKind.Fait, text, null, null, prev, "");
        return e with { Hash = JournalChain.HashOf(e) };
    }

    [Fact]
    public void CanonicalForm_IsLengthPrefixedFieldsInFixedOrder()
    {
        var form = System.Text.Encoding.UTF8.GetString(JournalChain.CanonicalForm(7, 1, s_at, s_at, "alice", JournalKind.Decision, "été", 3, new JournalLink("action", "12")));
        Assert.Equal(
            "16:vigie-journal-v1\n1:7\n1:1\n27:2024-02-11T01:02:03.000000Z\n27:2024-02-11T01:02:03.000000Z\n5:alice\n8:decision\n5:été\n1:3\n6:action\n2:12\n",
            form);
    }

    [Fact]
    public void Hash_IsSha256OfPreviousHashAndCanonicalForm()
    {
        var e = Entry();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            [.. System.Text.Encoding.ASCII.GetBytes(JournalChain.Genesis), .. JournalChain.CanonicalForm(e.IncidentId, e.Seq, e.OccurredAt, e.RecordedAt, e.Author, e.Kind, e.Text, null, null)]));
        Assert.Equal(expected, e.Hash);
        Assert.Equal(64, e.Hash.Length);
    }

    [Fact]
    public void Hash_WhenAnyFieldChanges_Changes()
    {
        var e = Entry();
        var variants = new[]
        {
            e with { Text = e.Text + "." }, e with { Seq = 2 }, e with { Author = "bob" }, e with { Kind = JournalKind.Note },
            e with { OccurredAt = e.OccurredAt.AddTicks(10) }, e with { RecordedAt = e.RecordedAt.AddSeconds(1) }, e with { IncidentId = 8 },
            e with { CorrectsSeq = 1 }, e with { Link = new JournalLink("action", "1") }, e with { PrevHash = new string('1', 64) },
        };
        foreach (var variant in variants)
        {
            Assert.NotEqual(e.Hash, JournalChain.HashOf(variant));
        }
    }

    [Fact]
    public void CanonicalForm_WhenTextMimicsFieldBoundaries_DoesNotCollide()
    {
        var a = JournalChain.CanonicalForm(1, 1, s_at, s_at, "a", JournalKind.Note, "x\n1:y", null, null);
        var b = JournalChain.CanonicalForm(1, 1, s_at, s_at, "a\n3:x", JournalKind.Note, "y", null, null);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void CanonicalForm_TruncatesToMicroseconds_SoStoredValuesHashTheSame()
    {
        var precise = s_at.AddTicks(12_345_678);
        var a = JournalChain.CanonicalForm(1, 1, precise, s_at, "a", JournalKind.Note, "t", null, null);
        var b = JournalChain.CanonicalForm(1, 1, Vigie.CommandPost.Common.Time.Truncate(precise), s_at, "a", JournalKind.Note, "t", null, null);
        Assert.Equal(a, b);
    }
}
