using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Storage;
using Vigie.Web.Common;
using Vigie.Web.Hosting;

namespace Vigie.Web.Testing;

/// <summary>
/// A real command post (Kestrel on 127.0.0.1, a free port) over a fresh <see cref="TestDatabase"/>, with helpers
/// to create users, API tokens and authenticated HttpClients. Features reuse it for API and browser tests.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    /// <summary>Fast password hashing for tests only (the product uses 600,000 iterations).</summary>
    public const int TestIterations = 1_000;

    private readonly TestDatabase _database;
    private readonly TimeProvider? _time;
    private Func<VigieServerOptions, VigieServerOptions>? _configure;
    private readonly List<HttpClient> _clients = [];
    private bool _running = true;

    private TestServer(TestDatabase database, WebApplication app, Uri address, TimeProvider? time)
    {
        _database = database;
        App = app;
        Address = address;
        _time = time;
    }

    public WebApplication App { get; private set; }

    public Uri Address { get; }

    public DatabaseSettings Database => _database.Settings;

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<TestServer> StartAsync(DatabaseKind kind, TimeProvider? time = null) =>
        await StartAsync(await TestDatabase.CreateAsync(kind, migrated: true), time);

    /// <summary>A server over a database the test made (for instance on a <see cref="PrivatePostgres"/>).</summary>
    public static async Task<TestServer> StartAsync(TestDatabase database, TimeProvider? time = null, Func<VigieServerOptions, VigieServerOptions>? configure = null)
    {
        var app = await StartAppAsync(database, time, "http://127.0.0.1:0", configure);
        return new TestServer(database, app, new Uri(VigieWebApp.Addresses(app)[0]), time) { _configure = configure };
    }

    /// <summary>Stops the server as when its process ends: open pages lose it; the database and data folder stay.</summary>
    public async Task StopAsync()
    {
        if (_running)
        {
            _running = false;
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    /// <summary>Starts the server again on the same address, database and data folder (sign-in cookies stay valid).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        App = await StartAppAsync(_database, _time, Address.ToString().TrimEnd('/'), _configure);
        _running = true;
    }

    private static async Task<WebApplication> StartAppAsync(TestDatabase database, TimeProvider? time, string urls, Func<VigieServerOptions, VigieServerOptions>? configure)
    {
        var options = new VigieServerOptions
        {
            Database = database.Settings,
            DataDirectory = database.Folder,
            Urls = urls,
            PasswordIterations = TestIterations,
            TimeProvider = time,
        };
        var app = VigieWebApp.Build(configure is null ? options : configure(options));
        await VigieWebApp.PrepareAsync(app);
        await app.StartAsync();
        return app;
    }

    public async Task<User> CreateUserAsync(string name, UserRole role, string password = "correct horse battery staple")
    {
        var created = await Service<AccountService>().CreateUserAsync(name, null, role, password, "test");
        return created.IsOk ? created.Value : throw new InvalidOperationException(created.Problem.Message);
    }

    public async Task<string> CreateTokenAsync(string userName)
    {
        var token = await Service<AccountService>().CreateTokenAsync(userName, "test");
        return token.IsOk ? token.Value : throw new InvalidOperationException(token.Problem.Message);
    }

    /// <summary>An HttpClient with no credentials.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        _clients.Add(client);
        return client;
    }

    /// <summary>A user with that role and an HttpClient that sends its bearer token.</summary>
    public async Task<HttpClient> ApiClientAsync(UserRole role, string? name = null)
    {
        name ??= role.ToString().ToLowerInvariant() + "_" + Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync(name, role);
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await CreateTokenAsync(name));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await StopAsync();
        await _database.DisposeAsync();
    }
}
