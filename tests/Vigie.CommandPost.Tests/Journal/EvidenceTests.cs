using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Storage;
using Vigie.Testing;

namespace Vigie.CommandPost.Tests.Journal;

/// <summary>Evidence in the journal, on both databases: stored by hash, chained with the entry, checked by verification.</summary>
public sealed class EvidenceTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static async Task<StoredEvidence> StoreAsync(Services s, byte[] bytes, string name = "note.png")
    {
        var upload = await s.Get<EvidenceService>().StoreAsync(new MemoryStream(bytes), "file", name, "scribe");
        Assert.True(upload.IsOk, upload.Refused?.Describe());
        return upload.Stored;
    }

    private static async Task<JournalEntry> AttachAsync(Services s, long incident, params (StoredEvidence File, string Name)[] files)
    {
        var appended = await s.Journal.AppendAsync(incident, "scribe", new NewJournalEntry(JournalKind.Fait, "Photo de la note de rançon")
        {
            Attachments = files.Select(f => new NewAttachment(f.File.Sha256, f.Name)).ToList(),
        });
        Assert.True(appended.IsOk, appended.Problem?.Message);
        return appended.Value;
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Attach_StoresTheFileByItsHash_TheEntryCarriesIt_AndTheChainVerifiesIt(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        await s.Journal.AppendAsync(incident.Id, "scribe", new NewJournalEntry(JournalKind.Fait, "Notes de rançon imprimées"));
        var png = EvidenceSamples.Png();
        var stored = await StoreAsync(s, png);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), stored.Sha256);
        Assert.Equal(("image/png", png.Length), (stored.ContentType, stored.SizeBytes));

        var entry = await AttachAsync(s, incident.Id, (stored, @"C:\Users\accueil\Desktop\note de rançon.png"));

        var expected = new JournalAttachment(stored.Sha256, "note de rançon.png", "image/png", png.Length);
        Assert.Equal([expected], entry.Attachments);
        var read = await s.Journal.GetAsync(incident.Id, entry.Seq);
        Assert.Equal([expected], read!.Attachments);
        Assert.Equal(entry.Hash, JournalChain.HashOf(read));
        Assert.NotEqual(entry.Hash, JournalChain.HashOf(read with { Attachments = [] })); // the file is in the hash
        Assert.Equal([expected], (await s.Journal.ListAsync(incident.Id, new JournalQuery())).Single(e => e.Seq == entry.Seq).Attachments);
        var verification = await s.Journal.VerifyAsync(incident.Id);
        Assert.True(verification!.Valid, verification.Reason);
        Assert.Equal((1, 0), (verification.FilesChecked, verification.FileFaults.Count));

        await using var content = await s.Get<EvidenceService>().OpenAsync(stored.Sha256);
        using var copy = new MemoryStream();
        await content!.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
        Assert.Equal(expected, await s.Get<EvidenceService>().FindAsync(incident.Id, entry.Seq, stored.Sha256));
        Assert.Null(await s.Get<EvidenceService>().FindAsync(incident.Id, entry.Seq - 1, stored.Sha256));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Store_TheSameBytesTwice_StoresThemOnce_AndBothEntriesVerify(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var first = await StoreAsync(s, EvidenceSamples.PdfHead(), "plainte.pdf");
        var second = await StoreAsync(s, EvidenceSamples.PdfHead(), "copie.pdf");
        Assert.Equal(first, second);
        await AttachAsync(s, incident.Id, (first, "plainte.pdf"));
        await AttachAsync(s, incident.Id, (second, "copie.pdf"), (await StoreAsync(s, EvidenceSamples.JpegHead(), "photo.jpg"), "photo.jpg"));
        await using var connection = await s.Database.OpenAsync();
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM evidence_files"));
        var verification = await s.Journal.VerifyAsync(incident.Id);
        Assert.True(verification!.Valid, verification.Reason);
        Assert.Equal(3, verification.FilesChecked);
    }

    public static TheoryData<DatabaseKind, string, byte[], EvidenceRefusal> Refused
    {
        get
        {
            var data = new TheoryData<DatabaseKind, string, byte[], EvidenceRefusal>();
            foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.PostgreSql })
            {
                data.Add(kind, "empty", [], EvidenceRefusal.Empty);
                data.Add(kind, "zip", EvidenceSamples.Zip(), EvidenceRefusal.UnsupportedType);
                data.Add(kind, "evtx", [.. "ElfFile\0"u8, 0, 0, 0, 0, 1, 0, 0, 0], EvidenceRefusal.UnsupportedType);
                data.Add(kind, "too large", new byte[1025], EvidenceRefusal.TooLarge);
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(Refused))]
    public async Task Store_WhenEmptyTooLargeOrNotAnAcceptedType_RefusesItAndKeepsNothing(DatabaseKind kind, string what, byte[] bytes, EvidenceRefusal expected)
    {
        await using var s = await Services.CreateAsync(kind);
        var small = new EvidenceService(s.Database, s.Get<EvidenceStore>(), new EvidenceLimits(1024), s.Audit, s.Time);

        var upload = await small.StoreAsync(new MemoryStream(bytes), "file", what, "scribe");

        Assert.False(upload.IsOk);
        Assert.Equal(new EvidenceRefused(expected, "file", what, expected == EvidenceRefusal.TooLarge ? 1024 : null), upload.Refused);
        await using var connection = await s.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM evidence_files"));
        var folder = Path.Combine(s.Folder, "evidence");
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length == 0);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Append_WhenAFileWasNeverStored_NamesTheAttachmentAndWritesNothing(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var stored = await StoreAsync(s, EvidenceSamples.Png());
        var unknown = new string('a', 64);

        var appended = await s.Journal.AppendAsync(incident.Id, "scribe", new NewJournalEntry(JournalKind.Fait, "deux fichiers")
        {
            Attachments = [new NewAttachment(stored.Sha256, "a.png"), new NewAttachment(unknown, "b.png")],
        });
        var malformed = await s.Journal.AppendAsync(incident.Id, "scribe", new NewJournalEntry(JournalKind.Fait, "x")
        {
            Attachments = [new NewAttachment("../../etc/passwd", "b.png")],
        });

        Assert.Equal("attachments[1].sha256", appended.Problem!.Field);
        Assert.Equal("attachments[0].sha256", malformed.Problem!.Field);
        Assert.Equal(1, (await s.Journal.VerifyAsync(incident.Id))!.Entries); // only the declaration
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Verify_WhenAnAttachedFileIsMissingOrAltered_ReportsItsSeq(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var kept = await StoreAsync(s, EvidenceSamples.PdfHead(), "plainte.pdf");
        var altered = await StoreAsync(s, EvidenceSamples.Png(), "note.png");
        var missing = await StoreAsync(s, Encoding.UTF8.GetBytes("journal du pare-feu\n"), "pare-feu.txt");
        await AttachAsync(s, incident.Id, (kept, "plainte.pdf"));                   // seq 2
        var third = await AttachAsync(s, incident.Id, (altered, "note.png"));         // seq 3
        var fourth = await AttachAsync(s, incident.Id, (missing, "pare-feu.txt"));    // seq 4
        Assert.True((await s.Journal.VerifyAsync(incident.Id))!.Valid);

        if (kind == DatabaseKind.Sqlite)
        {
            var folder = Path.Combine(s.Folder, "evidence");
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, altered.Sha256[..2], altered.Sha256));
            bytes[^5] ^= 0x01;
            await File.WriteAllBytesAsync(Path.Combine(folder, altered.Sha256[..2], altered.Sha256), bytes);
            File.Delete(Path.Combine(folder, missing.Sha256[..2], missing.Sha256));
        }
        else
        {
            await s.TamperEvidenceAsync(
                $"UPDATE evidence_files SET content = content || '\\x00'::bytea WHERE sha256 = '{altered.Sha256}'; " +
                $"DELETE FROM evidence_files WHERE sha256 = '{missing.Sha256}';");
        }

        var verification = await s.Journal.VerifyAsync(incident.Id);

        Assert.False(verification!.Valid);
        Assert.Equal(third.Seq, verification.FirstBrokenSeq);
        Assert.Contains("note.png", verification.Reason, StringComparison.Ordinal);
        Assert.Equal(
            [new EvidenceFileFault(third.Seq, altered.Sha256, "note.png", EvidenceState.Altered), new EvidenceFileFault(fourth.Seq, missing.Sha256, "pare-feu.txt", EvidenceState.Missing)],
            verification.FileFaults);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Verify_WhenAnAttachmentRowIsRenamed_TheChainBreaksAtItsEntry(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var entry = await AttachAsync(s, incident.Id, (await StoreAsync(s, EvidenceSamples.Png()), "note.png"));
        await s.Journal.AppendAsync(incident.Id, "scribe", new NewJournalEntry(JournalKind.Note, "après"));

        await s.TamperEvidenceAsync($"UPDATE journal_attachments SET file_name = 'autre.png' WHERE seq = {entry.Seq}");

        var verification = await s.Journal.VerifyAsync(incident.Id);
        Assert.Equal((false, entry.Seq), (verification!.Valid, verification.FirstBrokenSeq));
        Assert.Contains("altered", verification.Reason, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task AttachmentsAndEvidence_RefuseUpdateAndDeleteOfWhatIsReferenced(DatabaseKind kind)
    {
        await using var s = await Services.CreateAsync(kind);
        var incident = await s.NewIncidentAsync();
        var stored = await StoreAsync(s, EvidenceSamples.Png());
        await AttachAsync(s, incident.Id, (stored, "note.png"));
        await using var connection = await s.Database.OpenAsync();
        foreach (var sql in new[]
                 {
                     "UPDATE journal_attachments SET file_name = 'x'", "DELETE FROM journal_attachments",
                     "UPDATE evidence_files SET content_type = 'text/html'", $"DELETE FROM evidence_files WHERE sha256 = '{stored.Sha256}'",
                 })
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(sql));
        }
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Sweep_RemovesOnlyOldContentThatNoEntryCarries(DatabaseKind kind)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var s = await Services.CreateAsync(kind, clock);
        var incident = await s.NewIncidentAsync();
        var carried = await StoreAsync(s, EvidenceSamples.Png());
        var orphan = await StoreAsync(s, EvidenceSamples.PdfHead(), "abandonné.pdf");
        await AttachAsync(s, incident.Id, (carried, "note.png"));
        var evidence = s.Get<EvidenceService>();

        Assert.Equal(0, await evidence.SweepAsync(EvidenceService.SweepGrace)); // too recent: an entry may still take it
        clock.Advance(TimeSpan.FromHours(25));
        var fresh = await StoreAsync(s, EvidenceSamples.JpegHead(), "photo.jpg");
        Assert.Equal(1, await evidence.SweepAsync(EvidenceService.SweepGrace));

        Assert.Null(await evidence.OpenAsync(orphan.Sha256));
        Assert.NotNull(await evidence.OpenAsync(carried.Sha256));
        Assert.NotNull(await evidence.OpenAsync(fresh.Sha256));
        Assert.True((await s.Journal.VerifyAsync(incident.Id))!.Valid);
    }
}
