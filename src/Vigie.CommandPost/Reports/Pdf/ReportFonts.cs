using PdfSharp.Fonts;

namespace Vigie.CommandPost.Reports.Pdf;

/// <summary>
/// PDFsharp's font resolver for the report: DejaVu Sans (regular and bold), embedded in the assembly with its
/// licence (Reports/Fonts), so PDFs are made the same on any server with no system font. PDFsharp accepts one
/// resolver per process: <see cref="Install"/> sets this single instance once.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "Vigie Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly ReportFonts s_instance = new();
    private static readonly Lock s_gate = new();
    private static readonly Dictionary<string, byte[]> s_faces = new(StringComparer.Ordinal);

    private ReportFonts()
    {
    }

    public static void Install()
    {
        lock (s_gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                GlobalFontSettings.FontResolver = s_instance;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName)
    {
        lock (s_gate)
        {
            if (!s_faces.TryGetValue(faceName, out var bytes))
            {
                using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"fonts/{faceName}.ttf");
                if (stream is null)
                {
                    return null;
                }

                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                bytes = memory.ToArray();
                s_faces[faceName] = bytes;
            }

            return bytes;
        }
    }
}
