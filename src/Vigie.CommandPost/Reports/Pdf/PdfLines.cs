using System.Text;
using PdfSharp.Drawing;

namespace Vigie.CommandPost.Reports.Pdf;

/// <summary>Text for PDF lines, shared by every PDF Vigie draws (the RETEX, the paper kit): cleaning and wrapping.</summary>
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
}
