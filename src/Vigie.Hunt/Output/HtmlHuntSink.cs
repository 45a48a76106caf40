using System.Globalization;
using System.Net;
using System.Text;

namespace Vigie.Hunt;

/// <summary>
/// One self-contained HTML file, readable offline without any script: inline CSS, every text escaped;
/// summary, per-host and per-tactic tables, top rules (with their authors), files not read fully, and the
/// timeline. Rows go to a temporary file while the hunt runs (the summary comes first in the page but is
/// known last); the timeline shows at most <see cref="MaxTimelineRows"/> rows (the counts cover everything).
/// </summary>
public sealed class HtmlHuntSink : IHuntSink
{
    /// <summary>Rows shown in the timeline table; beyond, the report says how many more the CSV or JSON lines hold.</summary>
    public const int MaxTimelineRows = 100_000;

    private const string Style = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1b1b1b;background:#fff}
        h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:2px solid #2a4d69}
        table{border-collapse:collapse;margin:.25rem 0 1rem;font-size:13px}th,td{border:1px solid #c8c8c8;padding:.2rem .45rem;text-align:left;vertical-align:top}
        th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .critical{background:#f8d0d0}.high{background:#fbe2c6}.medium{background:#fdf4c4}.low{background:#e3f1dd}
        .details{font-family:ui-monospace,Consolas,monospace;font-size:12px;word-break:break-all;max-width:60rem}
        .muted{color:#555}.note{background:#fff6d6;border:1px solid #e0c96b;padding:.4rem .6rem}
        @media print{body{margin:0}table{font-size:10px}}
        """;

    private readonly Stream _output;
    private readonly string _rowsPath;
    private readonly StreamWriter _rows;
    private long _written;

    /// <summary>Writes to <paramref name="output"/> (owned); rows wait in a temporary file under <paramref name="tempDirectory"/>.</summary>
    public HtmlHuntSink(Stream output, string tempDirectory)
    {
        _output = output;
        _rowsPath = Path.Combine(tempDirectory, $"vigie-hunt-{Guid.NewGuid():N}.rows.html");
        _rows = new StreamWriter(new FileStream(_rowsPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose), new UTF8Encoding(false));
    }

    /// <inheritdoc />
    public void Write(HuntDetection d)
    {
        _written++;
        if (_written > MaxTimelineRows)
        {
            return;
        }

        var level = HuntLevels.Name(d.Level);
        var w = _rows;
        w.Write("<tr class=\"");
        w.Write(level);
        w.Write("\"><td>");
        w.Write(E(HuntTime.Format(d.Timestamp)));
        w.Write("</td><td>");
        w.Write(E(d.Computer));
        w.Write("</td><td>");
        w.Write(E(d.Channel));
        w.Write("</td><td class=\"n\">");
        w.Write(d.EventId?.ToString(CultureInfo.InvariantCulture) ?? "");
        w.Write("</td><td class=\"n\">");
        w.Write(d.RecordId?.ToString(CultureInfo.InvariantCulture) ?? "");
        w.Write("</td><td>");
        w.Write(E(d.RuleTitle));
        w.Write("<br><span class=\"muted\">");
        w.Write(E(d.RuleId));
        w.Write("</span></td><td>");
        w.Write(level);
        w.Write("</td><td>");
        w.Write(E(string.Join(", ", d.Tactics)));
        w.Write("<br>");
        w.Write(E(string.Join(", ", d.Techniques)));
        w.Write("</td><td>");
        w.Write(E(d.Author));
        w.Write("</td><td class=\"details\">");
        w.Write(E(d.DetailsText()));
        w.Write("</td><td>");
        w.Write(E(d.SourceFile));
        w.Write("</td></tr>\n");
    }

    /// <inheritdoc />
    public void Complete(HuntSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _rows.Flush();
        using var output = new StreamWriter(_output, new UTF8Encoding(false), 1 << 16);
        var o = output;
        o.Write("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        o.Write("<title>Vigie — rapport de chasse (hunt report)</title><style>");
        o.Write(Style);
        o.Write("</style></head><body>\n<h1>Vigie — rapport de chasse <span class=\"muted\">(hunt report)</span></h1>\n");
        o.Write($"<p class=\"muted\">{E(N(summary.Rules))} règles Sigma · durée {E(summary.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture))} s · horodatages en UTC (timestamps in UTC)</p>\n");

        o.Write("<h2 id=\"summary\">Résumé <span class=\"muted\">(summary)</span></h2>\n<table id=\"summary-table\">\n");
        Row(o, "files", "Fichiers lus / trouvés (files read / found)", $"{N(summary.FilesRead)} / {N(summary.Files)}");
        Row(o, "events", "Événements lus (events read)", N(summary.Events));
        Row(o, "detections", "Détections (detections)", N(summary.Detections));
        foreach (var level in HuntLevels.All.Reverse())
        {
            Row(o, "level-" + HuntLevels.Name(level), "— " + HuntLevels.Name(level), N(summary.ByLevel.GetValueOrDefault(level)));
        }

        Row(o, "hosts-count", "Machines (hosts)", N(summary.Hosts.Count));
        Row(o, "detection-range", "Première / dernière détection (first / last detection)", $"{Time(summary.FirstDetection)} → {Time(summary.LastDetection)}");
        Row(o, "event-range", "Premier / dernier événement (first / last event)", $"{Time(summary.FirstEvent)} → {Time(summary.LastEvent)}");
        Row(o, "problem-files", "Fichiers lus partiellement (files not read fully)", N(summary.FileProblems.Count(p => !p.Complete)));
        o.Write("</table>\n");

        o.Write("<h2 id=\"hosts\">Par machine <span class=\"muted\">(per host)</span></h2>\n<table id=\"hosts-table\"><thead><tr><th>Machine</th><th>Détections</th><th>Critique/haute</th><th>Première</th><th>Dernière</th><th>Tactiques ATT&amp;CK</th></tr></thead><tbody>\n");
        foreach (var host in summary.Hosts)
        {
            var severe = host.ByLevel.GetValueOrDefault(HuntLevel.Critical) + host.ByLevel.GetValueOrDefault(HuntLevel.High);
            o.Write($"<tr><td>{E(host.Computer)}</td><td class=\"n\">{N(host.Detections)}</td><td class=\"n\">{N(severe)}</td><td>{E(HuntTime.Format(host.First))}</td><td>{E(HuntTime.Format(host.Last))}</td><td>{E(string.Join(", ", host.ByTactic.Select(t => $"{t.Key} {t.Value}")))}</td></tr>\n");
        }

        o.Write("</tbody></table>\n");

        o.Write("<h2 id=\"tactics\">Par tactique ATT&amp;CK <span class=\"muted\">(per tactic)</span></h2>\n<table id=\"tactics-table\"><thead><tr><th>Tactique</th><th>Détections</th></tr></thead><tbody>\n");
        foreach (var (tactic, count) in summary.ByTactic)
        {
            o.Write($"<tr><td>{E(tactic)}</td><td class=\"n\">{N(count)}</td></tr>\n");
        }

        o.Write("</tbody></table>\n");

        o.Write("<h2 id=\"rules\">Règles les plus déclenchées <span class=\"muted\">(top rules)</span></h2>\n<table id=\"rules-table\"><thead><tr><th>Règle</th><th>Niveau</th><th>Auteur (author)</th><th>Détections</th></tr></thead><tbody>\n");
        foreach (var rule in summary.TopRules)
        {
            o.Write($"<tr class=\"{HuntLevels.Name(rule.Level)}\"><td>{E(rule.Title)}<br><span class=\"muted\">{E(rule.RuleId)}</span></td><td>{HuntLevels.Name(rule.Level)}</td><td>{E(rule.Author)}</td><td class=\"n\">{N(rule.Count)}</td></tr>\n");
        }

        o.Write("</tbody></table>\n");

        if (summary.FileProblems.Count > 0)
        {
            o.Write("<h2 id=\"problems\">Fichiers à vérifier <span class=\"muted\">(files with problems)</span></h2>\n<table id=\"problems-table\"><thead><tr><th>Fichier</th><th>Lu entièrement</th><th>Pourquoi</th></tr></thead><tbody>\n");
            foreach (var problem in summary.FileProblems)
            {
                o.Write($"<tr><td>{E(problem.Path)}</td><td>{(problem.Complete ? "oui" : "non")}</td><td>{E(problem.Reason)}</td></tr>\n");
            }

            o.Write("</tbody></table>\n");
        }

        o.Write("<h2 id=\"timeline\">Chronologie <span class=\"muted\">(timeline)</span></h2>\n");
        if (_written > MaxTimelineRows)
        {
            o.Write($"<p class=\"note\" id=\"timeline-truncated\">Les {N(MaxTimelineRows)} premières détections sur {N(_written)} : l'export CSV ou JSON lines les contient toutes.</p>\n");
        }

        o.Write("<table id=\"timeline-table\"><thead><tr><th>Horodatage (UTC)</th><th>Machine</th><th>Canal</th><th>EventID</th><th>RecordID</th><th>Règle</th><th>Niveau</th><th>Tactiques / techniques</th><th>Auteur de la règle</th><th>Détails</th><th>Fichier</th></tr></thead><tbody>\n");
        o.Flush();
        _rows.BaseStream.Position = 0;
        _rows.BaseStream.CopyTo(_output);
        o.Write("</tbody></table>\n<p class=\"muted\">Règles Sigma : Detection Rule License 1.1 — auteurs cités pour chaque règle.</p>\n</body></html>\n");
        o.Flush();
        _rows.Dispose();
    }

    private static void Row(StreamWriter o, string id, string label, string value) =>
        o.Write($"<tr><th scope=\"row\">{E(label)}</th><td class=\"n\" id=\"{id}\">{E(value)}</td></tr>\n");

    private static string Time(DateTime? time) => time is { } t ? HuntTime.Format(t) : "—";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
