using System.Text;
using PdfSharp.Drawing;

namespace Vigie.CommandPost.Reports.Pdf;

/// <summary>Text for PDF lines, shared by every PDF Vigie draws (the RETEX, the paper kit): cleaning, wrapping, table headers.</summary>
internal static class PdfLines
{
    /// <summary>Text that a PDF line can hold: no tabs or carriage returns, no other control characters.</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            builder.Append(c switch
            {
                '\t' => ' ',
                '\n' => '\n',
                _ when char.IsControl(c) => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>Breaks text into lines that fit <paramref name="width"/>: at spaces, and inside words longer than a line (hashes).</summary>
    public static List<string> Wrap(XGraphics graphics, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                var rest = word;
                while (rest.Length > 0 && graphics.MeasureString(rest, font).Width > width)
                {
                    // the longest prefix that fits (at least one character), by bisection
                    int low = 1, high = rest.Length - 1;
                    while (low < high)
                    {
                        var mid = (low + high + 1) / 2;
                        if (graphics.MeasureString(rest[..mid], font).Width <= width)
                        {
                            low = mid;
                        }
                        else
                        {
                            high = mid - 1;
                        }
                    }

                    lines.Add(rest[..low]);
                    rest = rest[low..];
                }

                line.Append(rest);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>The height of one line of <paramref name="font"/>.</summary>
    public static double LineHeight(XFont font) => font.Size * 1.3;

    /// <summary>
    /// A table's header row at (<paramref name="left"/>, <paramref name="top"/>): a shaded band of <paramref name="height"/>
    /// across the columns' <paramref name="widths"/>, each column's already wrapped lines in <paramref name="font"/>.
    /// </summary>
    public static void DrawHeaderRow(XGraphics graphics, IReadOnlyList<List<string>> header, double[] widths, double left, double top, double height,
        XFont font, XColor background, XColor ink, double padding)
    {
        graphics.DrawRectangle(new XSolidBrush(background), left, top, widths.Sum(), height);
        var brush = new XSolidBrush(ink);
        var x = left;
        for (var i = 0; i < header.Count; i++)
        {
            for (var l = 0; l < header[i].Count; l++)
            {
                graphics.DrawString(header[i][l], font, brush, new XRect(x + padding, top + padding + (l * LineHeight(font)), widths[i] - (2 * padding), LineHeight(font)), XStringFormats.TopLeft);
            }

            x += widths[i];
        }
    }
}
