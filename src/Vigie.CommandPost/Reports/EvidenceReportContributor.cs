using System.Globalization;
using Vigie.CommandPost.Journal.Evidence;

namespace Vigie.CommandPost.Reports;

/// <summary>
/// The files attached to the journal in the post-incident report (RETEX): section <c>evidence</c> (order 88, before the
/// integrity proof), only when the journal carries files. Each is listed with its entry, name, type, size and SHA-256;
/// whether each is still present and intact is the integrity section's verdict (verification checks every file).
/// </summary>
public sealed class EvidenceReportContributor(EvidenceService evidence) : IReportContributor
{
    public async Task<IReadOnlyList<ReportSection>> SectionsAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var files = await evidence.ListAsync(context.Incident.Id, cancellationToken).ConfigureAwait(false);
        if (files.Count == 0)
        {
            return [];
        }

        var t = ReportText.For(context.Culture);
        var rows = files.Select(f => new ReportRow(
        [
            f.Seq.ToString(CultureInfo.InvariantCulture),
            context.Format(f.OccurredAt),
            f.File.FileName,
            f.File.ContentType.Split(';')[0],
            Size(f.File.SizeBytes, t),
            f.File.Sha256,
        ])).ToList();
        return
        [
            new ReportSection("evidence", 88, t["SectionEvidence"],
            [
                new ReportParagraph(t.Format("EvidenceIntro", files.Count)),
                new ReportTable([t["Seq"], t["When"], t["EvidenceFile"], t["EvidenceType"], t["EvidenceSize"], t["EvidenceHash"]], rows, [0.6, 1.5, 2, 1.3, 1, 4.2]),
            ]),
        ];
    }

    private static string Size(long bytes, ReportText t) =>
        bytes < 1024 ? t.Format("Bytes", bytes.ToString("N0", t.Culture))
        : bytes < 1024 * 1024 ? t.Format("Kilobytes", (bytes / 1024.0).ToString("0", t.Culture))
        : t.Format("Megabytes", (bytes / (1024.0 * 1024.0)).ToString("0.#", t.Culture));
}
