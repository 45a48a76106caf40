using Microsoft.Playwright;

namespace Vigie.Browser.Tests.Pages;

/// <summary>
/// Where axe-core's <c>axe.min.js</c> is. It is never fetched from a CDN and not committed: <c>scripts/test</c> installs
/// the pinned version with npm into a cache folder and copies the file to <c>tests/Vigie.Browser.Tests/vendor/axe-core/</c>
/// (git-ignored); <c>$VIGIE_TEST_AXE</c> may point to another copy. Absent, the accessibility tests are skipped with a
/// message (and fail in CI, where scripts/test always provides it).
/// </summary>
internal static class AxeCore
{
    public const string Version = "4.14.1";

    public static string ScriptPath()
    {
        var path = Environment.GetEnvironmentVariable("VIGIE_TEST_AXE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryPaths.Root, "tests", "Vigie.Browser.Tests", "vendor", "axe-core", "axe.min.js");
        if (!File.Exists(path))
        {
            var message = $"axe-core not found at {path}: run ./scripts/test once (it installs axe-core {Version} with npm), or set VIGIE_TEST_AXE.";
            if (RepositoryPaths.IsCi)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        return path;
    }

    /// <summary>
    /// Runs axe on the page as it is (the script is evaluated through the browser's protocol, so the page's own
    /// Content-Security-Policy need not be bypassed) and returns its serious and critical violations, one line each.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync(await File.ReadAllTextAsync(ScriptPath()));
        return await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              if (result.passes.length === 0 && result.violations.length === 0) { throw new Error('axe checked nothing'); }
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
            }
            """);
    }
}
