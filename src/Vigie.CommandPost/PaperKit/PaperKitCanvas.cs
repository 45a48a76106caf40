using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Vigie.CommandPost.Reports.Pdf;

namespace Vigie.CommandPost.PaperKit;

/// <summary>
/// A cursor over the kit's pages (A4, and A5 for the slips): text that wraps, tables whose header repeats on each page,
/// ruled sheets to write on, tick boxes; then every page's header (incident, date, EXERCICE) and footer.
/// </summary>
internal sealed class PaperKitCanvas
{
    public const double Margin = 40;
    private const double Top = 62;
    private const double Bottom = 44;
    private const double CellPadding = 3;

    public static readonly XColor Ink = XColor.FromArgb(0x1b, 0x1f, 0x24);
    public static readonly XColor Muted = XColor.FromArgb(0x4a, 0x55, 0x61);
    public static readonly XColor Brand = XColor.FromArgb(0x0b, 0x3d, 0x5c);
    public static readonly XColor Rule = XColor.FromArgb(0x8a, 0x94, 0x9e);
    public static readonly XColor Head = XColor.FromArgb(0xe6, 0xea, 0xee);
    public static readonly XColor Exercise = XColor.FromArgb(0xa1, 0x12, 0x1a);

    private readonly PdfDocument _document;
    private XGraphics? _graphics;
    private PageSize _size = PageSize.A4;

    public PaperKitCanvas(PdfDocument document)
    {
        _document = document;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        Title = new XFont(ReportFonts.Family, 16, XFontStyleEx.Bold, options);
        Heading = new XFont(ReportFonts.Family, 13, XFontStyleEx.Bold, options);
        Bold = new XFont(ReportFonts.Family, 9, XFontStyleEx.Bold, options);
        Body = new XFont(ReportFonts.Family, 9, XFontStyleEx.Regular, options);
        Field = new XFont(ReportFonts.Family, 10.5, XFontStyleEx.Regular, options);
        FieldBold = new XFont(ReportFonts.Family, 10.5, XFontStyleEx.Bold, options);
        Small = new XFont(ReportFonts.Family, 7.5, XFontStyleEx.Regular, options);
        SmallBold = new XFont(ReportFonts.Family, 7.5, XFontStyleEx.Bold, options);
        Watermark = new XFont(ReportFonts.Family, 72, XFontStyleEx.Bold, options);
    }

    public XFont Title { get; }
    public XFont Heading { get; }
    public XFont Bold { get; }
    public XFont Body { get; }
    public XFont Field { get; }
    public XFont FieldBold { get; }
    public XFont Small { get; }
    public XFont SmallBold { get; }
    private XFont Watermark { get; }

    public XGraphics G => _graphics ?? throw new InvalidOperationException("No page yet.");

    public double Y { get; set; }

    public double Width => _document.Pages[^1].Width.Point - (2 * Margin);

    public double Limit => _document.Pages[^1].Height.Point - Bottom;

    public static double LineHeight(XFont font) => PdfLines.LineHeight(font);

    public void NewPage(PageSize size = PageSize.A4)
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = size;
        _size = size;
        _graphics = XGraphics.FromPdfPage(page);
        Y = Top;
    }

    public void Space(double points) => Y += points;

    public void EnsureSpace(double points)
    {
        if (Y + points > Limit)
        {
            NewPage(_size);
        }
    }

    public void Line(double x1, double y1, double x2, double y2, double width = 0.5) => G.DrawLine(new XPen(Rule, width), x1, y1, x2, y2);

    /// <summary>A tick box whose top left corner is at (x, y).</summary>
    public void Box(double x, double y, double size = 8) => G.DrawRectangle(new XPen(Ink, 0.7), x, y, size, size);

    public void Text(string text, XFont font, XColor color, double indent = 0)
    {
        var brush = new XSolidBrush(color);
        foreach (var line in PdfLines.Wrap(G, PdfLines.Clean(text), font, Width - indent))
        {
            EnsureSpace(LineHeight(font));
            G.DrawString(line, font, brush, new XRect(Margin + indent, Y, Width - indent, LineHeight(font)), XStringFormats.TopLeft);
            Y += LineHeight(font);
        }
    }

    /// <summary>A section's title, underlined.</summary>
    public void SectionTitle(string text)
    {
        Text(text, Heading, Brand);
        Line(Margin, Y + 1, Margin + Width, Y + 1, 0.8);
        Y += 6;
    }

    /// <summary>
    /// A table: cells wrap, the header comes back on each page, a row is not split across pages. Rows are at least
    /// <paramref name="minRowHeight"/> high (room to write a change by hand).
    /// </summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> weights, IEnumerable<IReadOnlyList<string>> rows, double minRowHeight = 0)
    {
        var widths = Widths(weights);
        var lineHeight = LineHeight(Small);
        var header = headers.Select((h, i) => PdfLines.Wrap(G, PdfLines.Clean(h), SmallBold, widths[i] - (2 * CellPadding))).ToList();
        var headerHeight = (header.Max(h => h.Count) * lineHeight) + (2 * CellPadding);
        EnsureSpace(headerHeight + lineHeight + (2 * CellPadding));
        DrawHeader(header, widths, headerHeight);
        foreach (var row in rows)
        {
            var cells = widths.Select((w, i) => PdfLines.Wrap(G, PdfLines.Clean(i < row.Count ? row[i] : ""), Small, w - (2 * CellPadding))).ToList();
            var height = Math.Max(minRowHeight, (cells.Max(c => c.Count) * lineHeight) + (2 * CellPadding));
            if (Y + height > Limit)
            {
                NewPage(_size);
                DrawHeader(header, widths, headerHeight);
            }

            var x = Margin;
            var brush = new XSolidBrush(Ink);
            for (var i = 0; i < widths.Length; i++)
            {
                for (var l = 0; l < cells[i].Count; l++)
                {
                    G.DrawString(cells[i][l], Small, brush, new XRect(x + CellPadding, Y + CellPadding + (l * lineHeight), widths[i] - (2 * CellPadding), lineHeight), XStringFormats.TopLeft);
                }

                x += widths[i];
            }

            Y += height;
            Line(Margin, Y, Margin + Width, Y, 0.4);
        }
    }

    /// <summary>A sheet to write on: the header, then ruled rows with column lines down to the bottom of the page.</summary>
    public void RuledSheet(IReadOnlyList<string> headers, IReadOnlyList<double> weights, double rowHeight)
    {
        var widths = Widths(weights);
        var header = headers.Select((h, i) => PdfLines.Wrap(G, PdfLines.Clean(h), Bold, widths[i] - (2 * CellPadding))).ToList();
        var headerHeight = (header.Max(h => h.Count) * LineHeight(Bold)) + (2 * CellPadding);
        var top = Y;
        PdfLines.DrawHeaderRow(G, header, widths, Margin, Y, headerHeight, Bold, Head, Ink, CellPadding);
        Y += headerHeight;
        while (Y + rowHeight <= Limit)
        {
            Y += rowHeight;
            Line(Margin, Y, Margin + Width, Y, 0.5);
        }

        G.DrawRectangle(new XPen(Rule, 0.8), Margin, top, Width, Y - top);
        var x = Margin;
        for (var i = 0; i < widths.Length - 1; i++)
        {
            x += widths[i];
            Line(x, top, x, Y, 0.5);
        }
    }

    /// <summary>The text, cut with an ellipsis when it is wider than <paramref name="width"/>.</summary>
    private static string Fit(XGraphics g, string text, XFont font, double width)
    {
        if (g.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && g.MeasureString(text[..length] + "…", font).Width > width)
        {
            length--;
        }

        return text[..length].TrimEnd() + "…";
    }

    private double[] Widths(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        return weights.Select(w => Width * w / total).ToArray();
    }

    private void DrawHeader(List<List<string>> header, double[] widths, double height)
    {
        PdfLines.DrawHeaderRow(G, header, widths, Margin, Y, height, SmallBold, Head, Ink, CellPadding);
        Y += height;
    }

    /// <summary>
    /// Every page's header (the kit's name and the incident, or blank; the print date), its footer (page n / N), and for
    /// an exercise the EXERCICE line at the top and a faint watermark across the page, so no page can pass for a real incident's.
    /// </summary>
    public void Finish(string left, string right, Func<int, int, string> pageText, string? exerciseMark)
    {
        _graphics?.Dispose();
        _graphics = null;
        var pages = _document.PageCount;
        for (var i = 0; i < pages; i++)
        {
            var page = _document.Pages[i];
            using var g = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var width = page.Width.Point - (2 * Margin);
            var height = page.Height.Point;
            var muted = new XSolidBrush(Muted);
            const double y = 24;
            var leftText = PdfLines.Clean(left);
            var rightText = PdfLines.Clean(right);
            var rightWidth = g.MeasureString(rightText, Small).Width;
            var oneLine = g.MeasureString(leftText, SmallBold).Width <= width - rightWidth - 12;
            // A narrow page (an A5 slip) puts the date under the incident rather than cut the incident's title.
            g.DrawString(Fit(g, leftText, SmallBold, oneLine ? width - rightWidth - 12 : width), SmallBold, new XSolidBrush(Ink), new XRect(Margin, y, width, 12), XStringFormats.TopLeft);
            g.DrawString(rightText, Small, muted, new XRect(Margin, oneLine ? y : y + 10, width, 12), XStringFormats.TopRight);
            var rule = oneLine ? y + 12 : y + 22;
            g.DrawLine(new XPen(Rule, 0.5), Margin, rule, Margin + width, rule);
            g.DrawLine(new XPen(Rule, 0.5), Margin, height - Bottom + 14, Margin + width, height - Bottom + 14);
            g.DrawString(pageText(i + 1, pages), Small, muted, new XRect(Margin, height - Bottom + 18, width, 12), XStringFormats.TopRight);
            if (exerciseMark is not null)
            {
                g.DrawString(exerciseMark, SmallBold, new XSolidBrush(Exercise), new XRect(Margin, 12, width, 12), XStringFormats.TopCenter);
                var state = g.Save();
                g.RotateAtTransform(-35, new XPoint(page.Width.Point / 2, height / 2));
                g.DrawString("EXERCICE", Watermark, new XSolidBrush(XColor.FromArgb(28, 0xa1, 0x12, 0x1a)), new XRect(0, (height / 2) - 50, page.Width.Point, 100), XStringFormats.Center);
                g.Restore(state);
            }
        }
    }
}
