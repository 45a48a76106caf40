using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Vigie.CommandPost.Bench;

namespace Vigie.Exercise.Bench;

/// <summary>
/// One player as a browser on the exercise tab (/incidents/{id}/exercice) behaves with live.js: signed in with a session
/// cookie, a SignalR connection to /hubs/incidents watching the incidents its live regions name, and on every "changed"
/// notice whose topic one of its regions follows, the page fetched again (X-Vigie-Live: 1) after 200 ms, one fetch at a
/// time (notices during a fetch are folded into the next). The heartbeat (GET /live/ping every 2 s) runs as on every page.
/// The player reads the stimulus cards of its inbox and answers one in <c>answerEvery</c> of them with a journal
/// decision linked to the stimulus (the API the answer form uses, with its bearer token).
/// </summary>
internal sealed partial class Player : IAsyncDisposable
{
    private static readonly TimeSpan s_debounce = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromSeconds(2);
    private readonly long _id;
    private readonly HttpClient _pages;
    private readonly HttpClient _api;
    private readonly HubConnection _hub;
    private readonly List<(string Incident, string[] Topics)> _regions;
    private readonly PlayerMeasures _measures;
    private readonly int _answerEvery;
    private readonly ConcurrentQueue<(long Incident, string Topic)> _pending = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _seen = new();
    private readonly HashSet<long> _answered = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private bool _scheduled;
    private bool _busy;
    private Task _heartbeat = Task.CompletedTask;

    private Player(long id, HttpClient pages, HttpClient api, HubConnection hub, List<(string, string[])> regions, PlayerMeasures measures, int answerEvery)
    {
        _id = id;
        _pages = pages;
        _api = api;
        _hub = hub;
        _regions = regions;
        _measures = measures;
        _answerEvery = answerEvery;
    }

    /// <summary>When this player first saw each stimulus's card (its page refreshed with it).</summary>
    public IReadOnlyDictionary<long, DateTimeOffset> Seen => _seen;

    /// <summary>No notice waiting, no fetch or answer under way.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return !_scheduled && !_busy && _pending.IsEmpty;
            }
        }
    }

    private bool IsIdleOrStopped()
    {
        lock (_gate)
        {
            return !_scheduled && !_busy;
        }
    }

    /// <summary>
    /// Signs the player in from its own loopback address (<paramref name="source"/>, e.g. 127.0.0.12: one machine per
    /// player, as in a real cell; the server allows 10 sign-ins a minute per address), opens its exercise tab and goes live.
    /// </summary>
    public static async Task<Player> StartAsync(Uri address, IPAddress source, string name, string password, long id, HttpClient api, PlayerMeasures measures, int answerEvery,
        bool heartbeat)
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var pages = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var login = await pages.GetStringAsync("/login");
        var token = WebUtility.HtmlDecode(Antiforgery().Match(login).Groups[1].Value);
        using var signedIn = await pages.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Form.Name"] = name, ["Form.Password"] = password,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"{name} could not sign in ({(int)signedIn.StatusCode})");
        }

        // The page as the browser first loads it: its live regions say which incidents and topics it follows.
        var page = await pages.GetStringAsync($"/incidents/{id}/exercice");
        var regions = Regions(page);
        if (regions.Count == 0)
        {
            throw new InvalidOperationException($"{name}: /incidents/{id}/exercice has no live region");
        }

        var hub = new HubConnectionBuilder().WithUrl(new Uri(address, "/hubs/incidents"), o => o.Cookies = cookies).Build();
        var player = new Player(id, pages, api, hub, regions, measures, answerEvery);
        player.ReadCards(page, DateTimeOffset.UtcNow);
        hub.On<JsonElement>("changed", change => player.OnChanged(change.GetProperty("incidentId").GetInt64(), change.GetProperty("topic").GetString() ?? ""));
        await hub.StartAsync();
        foreach (var incident in regions.Select(r => r.Incident).Distinct())
        {
            await hub.InvokeAsync("Watch", long.Parse(incident, CultureInfo.InvariantCulture));
        }

        if (heartbeat)
        {
            player._heartbeat = player.HeartbeatAsync();
        }

        return player;
    }

    private void OnChanged(long incident, string topic)
    {
        Interlocked.Increment(ref _measures.Notices);
        _pending.Enqueue((incident, topic));
        Schedule();
    }

    private void Schedule()
    {
        lock (_gate)
        {
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        _ = Task.Delay(s_debounce, _stop.Token).ContinueWith(_ => RefreshAsync(), TaskScheduler.Default).Unwrap();
    }

    /// <summary>As live.js's refresh(): one fetch at a time; only when a pending notice matches a region.</summary>
    private async Task RefreshAsync()
    {
        lock (_gate)
        {
            _scheduled = false;
            if (_busy)
            {
                // A fetch is under way: look again after it (live.js reschedules).
                _scheduled = true;
                _ = Task.Delay(s_debounce, _stop.Token).ContinueWith(_ => RefreshAsync(), TaskScheduler.Default).Unwrap();
                return;
            }

            _busy = true;
        }

        try
        {
            var matched = false;
            while (_pending.TryDequeue(out var change))
            {
                matched |= _regions.Any(r => (r.Incident == "0" || r.Incident == change.Incident.ToString(CultureInfo.InvariantCulture)) &&
                    (r.Topics.Contains(change.Topic) || r.Topics.Contains("*") || change.Topic == "*"));
            }

            if (!matched || _stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _measures.Refreshes);
            var start = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/{_id}/exercice");
            request.Headers.Add("X-Vigie-Live", "1");
            using var response = await _pages.SendAsync(request, _stop.Token);
            var body = await response.Content.ReadAsStringAsync(_stop.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                _measures.Pages.Error();
                return;
            }

            _measures.Pages.Add(Stopwatch.GetElapsedTime(start));
            foreach (var stimulus in ReadCards(body, DateTimeOffset.UtcNow))
            {
                var t = Stopwatch.GetTimestamp();
                using var answer = await _api.PostAsJsonAsync($"/api/v1/exercises/{_id}/inbox/{stimulus}/answers",
                    new { kind = "decision", text = "Décision prise en cellule en réponse au stimulus." }, _stop.Token);
                if (answer.StatusCode == HttpStatusCode.Created)
                { _measures.Answers.Add(Stopwatch.GetElapsedTime(t)); }
                else
                { _measures.Answers.Error(); }
            }
        }
        catch (HttpRequestException)
        {
            _measures.Pages.Error();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                _busy = false;
            }
        }
    }

    /// <summary>Notes the cards seen for the first time; returns those to answer now (one in answerEvery of the new ones).</summary>
    private List<long> ReadCards(string page, DateTimeOffset now)
    {
        var toAnswer = new List<long>();
        foreach (Match m in Card().Matches(page))
        {
            var stimulus = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (_seen.TryAdd(stimulus, now) && _seen.Count % _answerEvery == 0 && _answered.Add(stimulus))
            {
                toAnswer.Add(stimulus);
            }
        }

        return toAnswer;
    }

    private async Task HeartbeatAsync()
    {
        using var timer = new PeriodicTimer(s_heartbeat);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    using var ping = await _pages.GetAsync("/live/ping", _stop.Token);
                    Interlocked.Increment(ref _measures.Pings);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _measures.PingErrors);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The live regions of a page: each element with an id and data-live-topic, with its data-live-incident.</summary>
    private static List<(string Incident, string[] Topics)> Regions(string page)
    {
        var regions = new List<(string, string[])>();
        foreach (Match tag in LiveTag().Matches(page))
        {
            if (!IdAttribute().IsMatch(tag.Value))
            {
                continue;
            }

            var topics = TopicAttribute().Match(tag.Value).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var incident = IncidentAttribute().Match(tag.Value) is { Success: true } i ? i.Groups[1].Value : "0";
            regions.Add((incident, topics));
        }

        return regions;
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _stop.CancelAsync();
        await _heartbeat;
        // A refresh scheduled before the stop sees it at once and ends; wait for it (bounded) before disposing what it uses.
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 5);
        while (!IsIdleOrStopped() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10);
        }

        _pages.Dispose();
        _api.Dispose();
        _stop.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<article class=\"stimulus-card[^\"]*\" id=\"stimulus-([0-9]+)\"")]
    private static partial Regex Card();

    [GeneratedRegex("<[a-zA-Z]+\\b[^>]*\\bdata-live-topic=\"[^\"]*\"[^>]*>")]
    private static partial Regex LiveTag();

    [GeneratedRegex("\\sid=\"[^\"]+\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("data-live-topic=\"([^\"]*)\"")]
    private static partial Regex TopicAttribute();

    [GeneratedRegex("data-live-incident=\"([^\"]*)\"")]
    private static partial Regex IncidentAttribute();
}
