using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Testing;

namespace Vigie.Browser.Tests;

/// <summary>
/// A real command post over a fresh database and Debian's Chromium (headless, via Playwright's ExecutablePath;
/// no browser is ever downloaded). Each <see cref="NewPageAsync"/> is a separate browser context (its own
/// cookies, like another person's device); pages can be signed in. Every request a page makes is recorded, so a
/// test can check that nothing leaves the server; console errors (CSP violations included) are recorded too.
/// </summary>
public sealed class BrowserHarness : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private static readonly string[] s_args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _contexts = [];

    private BrowserHarness(TestServer server, IPlaywright playwright, IBrowser browser)
    {
        Server = server;
        _playwright = playwright;
        _browser = browser;
    }

    public TestServer Server { get; }

    /// <summary>Every URL requested by any page of this harness.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Console errors and page errors (a CSP violation shows up here).</summary>
    public List<string> Errors { get; } = [];

    public static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("VIGIE_TEST_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            if (RepositoryPaths.IsCi)
            {
                Assert.Fail($"Chromium not found at {path} (scripts/test installs Debian's chromium).");
            }

            Assert.Skip($"Chromium not found at {path}; run ./scripts/test to get it.");
        }

        return path;
    }

    public static async Task<BrowserHarness> StartAsync(DatabaseKind kind = DatabaseKind.Sqlite)
    {
        var chromium = ChromiumPath();
        var server = await TestServer.StartAsync(kind);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = s_args,
            Timeout = 60_000,
        });
        return new BrowserHarness(server, playwright, browser);
    }

    /// <summary>
    /// A new browser context and page; with a user name, the user is created (if needed) and signed in through the login
    /// form. <paramref name="bypassCsp"/> lets a test inject a script of its own (axe-core) into the page.
    /// </summary>
    public async Task<IPage> NewPageAsync(string? userName = null, UserRole role = UserRole.Membre, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            BypassCSP = bypassCsp,
        });
        // Generous: the suite runs test assemblies side by side on two cores, and a page load can wait for the CPU.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Request += (_, request) => { lock (Requests) { Requests.Add(request.Url); } };
        page.Console += (_, message) => { if (message.Type == "error") { lock (Errors) { Errors.Add(message.Text); } } };
        page.PageError += (_, error) => { lock (Errors) { Errors.Add(error); } };
        if (userName is not null)
        {
            if (await Server.Service<AccountService>().FindAsync(userName) is null)
            {
                await Server.CreateUserAsync(userName, role, Password);
            }

            await LoginAsync(page, userName);
        }

        return page;
    }

    public static async Task LoginAsync(IPage page, string userName, string password = Password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Identifiant").FillAsync(userName);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        try
        {
            await WaitForUrlAsync(page, url => !url.Contains("/login", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Say what the page said (a refused sign-in, a "not saved" note, the connection banner), not only that it waited.
            var said = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('#login-error, .offline-note, #connection-banner:not([hidden])')].map(e => e.textContent.trim()).join(' | ')");
            throw new TimeoutException($"{userName} was not signed in: the page stayed at {page.Url} and says: {(said.Length > 0 ? said : "nothing")}", e);
        }
    }

    /// <summary>Waits until the page's address matches <paramref name="glob"/> (Playwright's: <c>**</c> any text, <c>*</c> any text but a slash; <c>?</c> is itself), then for its load event.</summary>
    public static Task WaitForUrlAsync(IPage page, string glob) => WaitForUrlAsync(page, GlobRegex(glob).IsMatch);

    /// <summary>
    /// Waits until the page's address satisfies <paramref name="match"/>, then for its load event. Playwright's own
    /// WaitForURLAsync checks the address (then the load state) and subscribes to the event that changes it afterwards, on
    /// another thread than the one that delivers it: an event delivered in between is lost, and the wait runs to its timeout
    /// (microsoft/playwright-dotnet#3364; this suite met it, "NetworkIdle" seen and "load" never). Here the address is polled
    /// and the load state asked in short slices: a state reached meanwhile is recorded, so the next slice finds it. The
    /// analyzer refuses Playwright's waits elsewhere (BannedSymbols.txt).
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Func<string, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!match(page.Url))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timeout 30000ms exceeded: the page stayed at {page.Url}.");
            }

            await Task.Delay(25);
        }

        while (true)
        {
            try
            {
#pragma warning disable RS0030 // the one place that asks it, in slices
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 1_000 });
#pragma warning restore RS0030
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < until)
            {
            }
        }
    }

    internal static Regex GlobRegex(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    /// <summary>Saves a screenshot to $VIGIE_TEST_SCREENSHOTS when set (for people checking the look); otherwise nothing.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("VIGIE_TEST_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    /// <summary>Waits until live.js has joined the SignalR groups of the page.</summary>
    public static Task WaitForLiveAsync(IPage page) =>
        page.WaitForSelectorAsync("html[data-live='connected']", new() { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        await _browser.CloseAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
    }
}
