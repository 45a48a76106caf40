using System.Diagnostics;
using Xunit;

namespace Vigie.Testing;

/// <summary>The text of a PDF as poppler's pdftotext reads it (UTF-8), one string per page.</summary>
public static class PdfText
{
    public static async Task<IReadOnlyList<string>> PagesAsync(byte[] pdf)
    {
        var pdftotext = TestEnvironment.Tool("pdftotext");
        var file = Path.Combine(Path.GetTempPath(), "vigie-pdf-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(pdftotext) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
            // pdftotext ends every page with a form feed.
            return (await output).Split('\f').SkipLast(1).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
