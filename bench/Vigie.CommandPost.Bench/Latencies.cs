using System.Globalization;

namespace Vigie.CommandPost.Bench;

/// <summary>Latency samples of one scenario and their percentiles.</summary>
internal sealed class Latencies(string name)
{
    private readonly List<double> _milliseconds = [];
    private int _errors;

    public string Name { get; } = name;

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public void Error() => Interlocked.Increment(ref _errors);

    /// <summary>Server CPU time spent during the scenario; shown per request (independent of other load on the machine).</summary>
    public TimeSpan ServerCpu { get; set; }

    /// <summary>A row under <see cref="Header"/>, or under <see cref="HeaderWithoutCpu"/> when the server's CPU cannot be told per request (withCpu false).</summary>
    public string Row(TimeSpan duration, int concurrency, bool withCpu = true)
    {
        double[] sorted;
        lock (_milliseconds)
        {
            sorted = _milliseconds.Order().ToArray();
        }

        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {concurrency} | {sorted.Length} | {_errors} | {sorted.Length / duration.TotalSeconds:0.0} | {P(0.50):0.0} | {P(0.95):0.0} | {P(0.99):0.0} | {(sorted.Length == 0 ? double.NaN : sorted[^1]):0.0} |");
        return withCpu ? row + string.Create(CultureInfo.InvariantCulture, $" {(sorted.Length == 0 ? double.NaN : ServerCpu.TotalMilliseconds / sorted.Length):0.00} |") : row;
    }

    public const string Header = "| scenario | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | server CPU ms/req |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public const string HeaderWithoutCpu = "| scenario | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|";
}
