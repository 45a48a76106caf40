using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Vigie.CommandPost.Reports.Pdf;

/// <summary>
/// Draws a <see cref="PostIncidentReport"/> as an A4 PDF on the server (PDFsharp, no browser): title block, summary,
/// sections with paragraphs, fact lists and tables (wrapped cells, header repeated on each page, long rows split
/// across pages), and a footer with the journal's head and "page n / N" on every page.
/// </summary>
public static class ReportPdfWriter
{
    private const double Margin = 48;
    private const double Top = 50;
    private const double Bottom = 54;
    private const double CellPadding = 3;

    private static readonly XColor s_ink = XColor.FromArgb(0x1b, 0x1f, 0x24);
    private static readonly XColor s_muted = XColor.FromArgb(0x4a, 0x55, 0x61);
    private static readonly XColor s_brand = XColor.FromArgb(0x0b, 0x3d, 0x5c);
    private static readonly XColor s_line = XColor.FromArgb(0xb0, 0xb8, 0xc0);
    private static readonly XColor s_head = XColor.FromArgb(0xe6, 0xea, 0xee);
    private static readonly XColor s_exercise = XColor.FromArgb(0xa1, 0x12, 0x1a);

    /// <summary>Printed at the top of every page of an exercise incident's report.</summary>
    public const string ExerciseMark = "EXERCICE — EXERCISE — document d’exercice, ne pas utiliser pour un incident réel";

    public static byte[] Render(PostIncidentReport report)
    {
        using var memory = new MemoryStream();
        Render(report, memory);
        return memory.ToArray();
    }

    public static void Render(PostIncidentReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        ReportFonts.Install();
        var t = ReportText.For(CultureInfo.GetCultureInfo(report.Language));
        using var document = new PdfDocument();
        document.Info.Title = (report.Incident.Exercise ? "EXERCICE — " : "") + $"{report.Title} — {report.Incident.Title}";
        document.Info.Author = "Vigie";
        document.Info.Subject = report.Subtitle;
        document.Info.Creator = "Vigie";
        document.Info.CreationDate = report.GeneratedAt.UtcDateTime;
        document.Info.ModificationDate = report.GeneratedAt.UtcDateTime;
        document.Language = report.Language;

        var canvas = new Canvas(document);
        canvas.Text(report.Title, canvas.Title, s_brand);
        canvas.Text(report.Subtitle, canvas.Heading, s_ink);
        canvas.Space(4);
        canvas.Facts(report.Summary);
        canvas.Space(6);
        canvas.Text(t["Contents"], canvas.Bold, s_ink);
        foreach (var (section, index) in report.Sections.Select((s, i) => (s, i + 1)))
        {
            canvas.Text(string.Create(CultureInfo.InvariantCulture, $"{index}. {section.Title}"), canvas.Body, s_ink, indent: 10);
        }

        foreach (var (section, index) in report.Sections.Select((s, i) => (s, i + 1)))
        {
            canvas.Space(10);
            canvas.EnsureSpace(60);
            canvas.Text(string.Create(CultureInfo.InvariantCulture, $"{index}. {section.Title}"), canvas.Heading, s_brand);
            canvas.Rule();
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case ReportParagraph p:
                        canvas.Text(p.Text, canvas.Body, Color(p.Tone));
                        canvas.Space(3);
                        break;
                    case ReportFacts f:
                        canvas.Facts(f.Facts);
                        canvas.Space(3);
                        break;
                    case ReportTable table:
                        canvas.Table(table);
                        canvas.Space(4);
                        break;
                }
            }
        }

        canvas.Finish(report.Footer, t, report.Incident.Exercise ? ExerciseMark : null);
        document.Save(output, closeStream: false);
    }

    private static XColor Color(ReportTone tone) => tone switch
    {
        ReportTone.Good => XColor.FromArgb(0x1d, 0x6b, 0x34),
        ReportTone.Warning => XColor.FromArgb(0x8a, 0x4b, 0x00),
        ReportTone.Bad => XColor.FromArgb(0xa1, 0x12, 0x1a),
        _ => s_ink,
    };

    /// <summary>A cursor over the pages: adds a page when the next thing does not fit.</summary>
    private sealed class Canvas
    {
        private readonly PdfDocument _document;
        private XGraphics? _graphics;
        private double _y;

        public Canvas(PdfDocument document)
        {
            _document = document;
            var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
            Title = new XFont(ReportFonts.Family, 16, XFontStyleEx.Bold, options);
            Heading = new XFont(ReportFonts.Family, 12, XFontStyleEx.Bold, options);
            Bold = new XFont(ReportFonts.Family, 9, XFontStyleEx.Bold, options);
            Body = new XFont(ReportFonts.Family, 9, XFontStyleEx.Regular, options);
            Small = new XFont(ReportFonts.Family, 7.5, XFontStyleEx.Regular, options);
            SmallBold = new XFont(ReportFonts.Family, 7.5, XFontStyleEx.Bold, options);
            NewPage();
        }

        public XFont Title { get; }
        public XFont Heading { get; }
        public XFont Bold { get; }
        public XFont Body { get; }
        public XFont Small { get; }
        public XFont SmallBold { get; }

        private XGraphics G => _graphics!;

        private double Width => _document.Pages[^1].Width.Point - (2 * Margin);

        private double Limit => _document.Pages[^1].Height.Point - Bottom;

        private static double LineHeight(XFont font) => PdfLines.LineHeight(font);

        public void Space(double points) => _y += points;

        public void EnsureSpace(double points)
        {
            if (_y + points > Limit)
            {
                NewPage();
            }
        }

        public void Rule()
        {
            G.DrawLine(new XPen(s_line, 0.6), Margin, _y, Margin + Width, _y);
            _y += 4;
        }

        public void Text(string text, XFont font, XColor color, double indent = 0)
        {
            var brush = new XSolidBrush(color);
            foreach (var line in Wrap(PdfLines.Clean(text), font, Width - indent))
            {
                EnsureSpace(LineHeight(font));
                G.DrawString(line, font, brush, new XRect(Margin + indent, _y, Width - indent, LineHeight(font)), XStringFormats.TopLeft);
                _y += LineHeight(font);
            }
        }

        public void Facts(IReadOnlyList<ReportFact> facts)
        {
            var labelWidth = Math.Min(Width * 0.38, Math.Max(80, facts.Count == 0 ? 0 : facts.Max(f => G.MeasureString(PdfLines.Clean(f.Label), Bold).Width) + 8));
            foreach (var fact in facts)
            {
                var labels = Wrap(PdfLines.Clean(fact.Label), Bold, labelWidth - 6);
                var values = Wrap(PdfLines.Clean(fact.Value), Body, Width - labelWidth);
                var lines = Math.Max(labels.Count, values.Count);
                var brush = new XSolidBrush(Color(fact.Tone));
                for (var i = 0; i < lines; i++)
                {
                    EnsureSpace(LineHeight(Body));
                    if (i < labels.Count)
                    {
                        G.DrawString(labels[i], Bold, new XSolidBrush(s_muted), new XRect(Margin, _y, labelWidth, LineHeight(Body)), XStringFormats.TopLeft);
                    }

                    if (i < values.Count)
                    {
                        G.DrawString(values[i], Body, brush, new XRect(Margin + labelWidth, _y, Width - labelWidth, LineHeight(Body)), XStringFormats.TopLeft);
                    }

                    _y += LineHeight(Body);
                }
            }
        }

        public void Table(ReportTable table)
        {
            var count = table.Headers.Count;
            var weights = table.Widths is { } w && w.Count == count ? w : Enumerable.Repeat(1.0, count).ToList();
            var total = weights.Sum();
            var widths = weights.Select(x => Width * x / total).ToArray();
            var lineHeight = LineHeight(Small);
            var header = table.Headers.Select((h, i) => Wrap(PdfLines.Clean(h), SmallBold, widths[i] - (2 * CellPadding))).ToList();
            var headerHeight = (header.Max(h => h.Count) * lineHeight) + (2 * CellPadding);
            EnsureSpace(headerHeight + lineHeight + (2 * CellPadding));
            DrawHeader(header, widths, headerHeight);
            foreach (var row in table.Rows)
            {
                var cells = Enumerable.Range(0, count).Select(i => Wrap(PdfLines.Clean(i < row.Cells.Count ? row.Cells[i] : ""), Small, widths[i] - (2 * CellPadding))).ToList();
                var lines = Math.Max(1, cells.Max(c => c.Count));
                var brush = new XSolidBrush(Color(row.Tone));
                var drawn = 0;
                while (drawn < lines)
                {
                    if (_y + lineHeight + (2 * CellPadding) > Limit)
                    {
                        NewPage();
                        DrawHeader(header, widths, headerHeight);
                    }

                    var fit = Math.Max(1, (int)Math.Floor((Limit - _y - (2 * CellPadding)) / lineHeight));
                    var take = Math.Min(fit, lines - drawn);
                    var height = (take * lineHeight) + (2 * CellPadding);
                    var x = Margin;
                    for (var i = 0; i < count; i++)
                    {
                        for (var l = 0; l < take && drawn + l < cells[i].Count; l++)
                        {
                            G.DrawString(cells[i][drawn + l], Small, brush, new XRect(x + CellPadding, _y + CellPadding + (l * lineHeight), widths[i] - (2 * CellPadding), lineHeight), XStringFormats.TopLeft);
                        }

                        x += widths[i];
                    }

                    _y += height;
                    G.DrawLine(new XPen(s_line, 0.4), Margin, _y, Margin + Width, _y);
                    drawn += take;
                }
            }
        }

        private void DrawHeader(List<List<string>> header, double[] widths, double height)
        {
            PdfLines.DrawHeaderRow(G, header, widths, Margin, _y, height, SmallBold, s_head, s_ink, CellPadding);
            _y += height;
        }

        public void Finish(string footer, ReportText t, string? mark)
        {
            _graphics?.Dispose();
            _graphics = null;
            var pages = _document.PageCount;
            for (var i = 0; i < pages; i++)
            {
                var page = _document.Pages[i];
                using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var y = page.Height.Point - Bottom + 18;
                var width = page.Width.Point - (2 * Margin);
                g.DrawLine(new XPen(s_line, 0.5), Margin, y - 4, Margin + width, y - 4);
                g.DrawString(PdfLines.Clean(footer), Small, new XSolidBrush(s_muted), new XRect(Margin, y, width * 0.8, 12), XStringFormats.TopLeft);
                g.DrawString(string.Format(t.Culture, t["Page"], i + 1, pages), Small, new XSolidBrush(s_muted), new XRect(Margin, y, width, 12), XStringFormats.TopRight);
                if (mark is not null)
                {
                    // An exercise: every page says so at its top, so no page can pass for a real incident's.
                    g.DrawString(mark, SmallBold, new XSolidBrush(s_exercise), new XRect(Margin, 20, width, 14), XStringFormats.TopCenter);
                }
            }
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            var page = _document.AddPage();
            page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(page);
            _y = Top;
        }

        private List<string> Wrap(string text, XFont font, double width) => PdfLines.Wrap(G, text, font, width);
    }
}
