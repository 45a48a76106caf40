using System.Globalization;

namespace Vigie.CommandPost.Bench;

/// <summary>Command-line options of the benchmark.</summary>
internal sealed record Options(string? Database, int Clients, int Seconds, int Entries, int PageClients, int PageRequests, int WarmupRequests,
    bool Territory, bool TerritoryOnly, int TerritoryIncidents, int TerritorySites, int TerritoryEntries, int TerritoryPageClients, int TerritoryWarmupSeconds)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(Value("--database"), Int("--clients", 50), Int("--seconds", 20), Int("--entries", 10_000), Int("--page-clients", 10), Int("--page-requests", 1_000),
            Int("--warmup-requests", 300), !args.Contains("--no-territory"), args.Contains("--territory-only"), Int("--territory-incidents", 5), Int("--territory-sites", 3),
            Int("--territory-entries", 2_000), Int("--territory-page-clients", 30), Int("--territory-warmup-seconds", 10));
    }
}
