using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Journal;

/// <summary>
/// The journal's hash chain. Each entry's hash is SHA-256(previous hash as lowercase hex ‖ canonical form of the
/// entry); the first entry's previous hash is 64 zeros. The canonical form is a versioned list of fields, each
/// written as <c>byteLength:utf8Bytes\n</c>, so no text can be confused with a field boundary. Changing it
/// breaks every existing chain: add a new version instead.
/// An entry with attached files has, after those fields, five more per file in order: <c>attachment</c>, its SHA-256
/// (lowercase hex), its name, its content type and its size in bytes. Entries without files keep exactly the v1 form,
/// so every journal written before attachments existed still verifies.
/// </summary>
public static class JournalChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string Version = "vigie-journal-v1";
    private const string AttachmentField = "attachment";

    /// <summary>
    /// The version field of an entry of an exercise incident. Its canonical form is the v1 form under this version and
    /// ends with the field <c>EXERCICE</c>: the mark is hashed, so an exercise journal cannot be passed off as a real one
    /// (nor a real one as an exercise) without breaking the chain, while real journals keep the v1 form they always had.
    /// </summary>
    public const string ExerciseVersion = "vigie-journal-v1-exercice";

    /// <summary>The last field of an exercise entry's canonical form.</summary>
    public const string ExerciseMark = "EXERCICE";

    public static byte[] CanonicalForm(
        long incidentId, long seq, DateTimeOffset occurredAt, DateTimeOffset recordedAt, string author,
        JournalKind kind, string text, long? correctsSeq, JournalLink? link, IReadOnlyList<JournalAttachment>? attachments = null, bool exercise = false)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + text.Length);
        Field(buffer, exercise ? ExerciseVersion : Version);
        Field(buffer, incidentId.ToString(CultureInfo.InvariantCulture));
        Field(buffer, seq.ToString(CultureInfo.InvariantCulture));
        Field(buffer, Time.Canonical(occurredAt));
        Field(buffer, Time.Canonical(recordedAt));
        Field(buffer, author);
        Field(buffer, WireName<JournalKind>.Of(kind));
        Field(buffer, text);
        Field(buffer, correctsSeq?.ToString(CultureInfo.InvariantCulture) ?? "");
        Field(buffer, link?.Type ?? "");
        Field(buffer, link?.Id ?? "");
        if (attachments is not null)
        {
            foreach (var attachment in attachments)
            {
                Field(buffer, AttachmentField);
                Field(buffer, attachment.Sha256);
                Field(buffer, attachment.FileName);
                Field(buffer, attachment.ContentType);
                Field(buffer, attachment.SizeBytes.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (exercise)
        {
            Field(buffer, ExerciseMark);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Hash(string prevHash, byte[] canonicalForm)
    {
        ArgumentNullException.ThrowIfNull(prevHash);
        ArgumentNullException.ThrowIfNull(canonicalForm);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.ASCII.GetBytes(prevHash));
        sha.AppendData(canonicalForm);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The hash this entry must have, given its own previous hash.</summary>
    public static string HashOf(JournalEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Hash(e.PrevHash, CanonicalForm(e.IncidentId, e.Seq, e.OccurredAt, e.RecordedAt, e.Author, e.Kind, e.Text, e.CorrectsSeq, e.Link, e.Attachments, e.Exercise));
    }

    private static void Field(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var prefix = length.ToString(CultureInfo.InvariantCulture) + ":";
        Encoding.ASCII.GetBytes(prefix, buffer.GetSpan(prefix.Length));
        buffer.Advance(prefix.Length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
    }
}
