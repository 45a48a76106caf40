using System.Diagnostics;
using BenchmarkDotNet.Running;
using Vigie.Sigma;
using Vigie.Sigma.Bench;

// dotnet run -c Release --project bench/Vigie.Sigma.Bench            BenchmarkDotNet (the figures to report)
// dotnet run -c Release --project bench/Vigie.Sigma.Bench -- --quick  a quick Stopwatch pass, for development
//   (--stats: the largest buckets; --prefilter-build, --prefilter-only: the prefilter alone; --rule-costs: time per rule)
if (args.Contains("--quick"))
{
    var load = Stopwatch.StartNew();
    var rules = BenchData.LoadRules();
    Console.WriteLine($"rules: {rules.Rules.Count} loaded, {rules.Rejections.Count} rejected, {rules.VariantCount} variants, compiled in {load.Elapsed.TotalSeconds:F1} s");
    if (args.Contains("--stats"))
    {
        foreach (var bucket in rules.Index.Buckets.OrderByDescending(b => b.Variants.Length).Take(12))
        {
            var pf = bucket.Prefilter;
            var always = bucket.Variants.Length - (pf?.FilteredVariants ?? 0);
            Console.WriteLine($"bucket {bucket.Variants.Length} variants, {pf?.FilteredVariants ?? 0} filtered, {always} always; automata: {string.Join(", ", pf?.Automata.Select(a => $"{a.Field.Name}:{a.States}") ?? [])}");
            foreach (var v in bucket.Variants.Where((v, i) => pf is null || !pf.IsFiltered(i)).Take(8))
            {
                Console.WriteLine($"   always: {v.Rule.Title} [{v.TargetName}]");
            }
        }
    }

    if (args.Contains("--prefilter-build"))
    {
        // Every bucket's prefilter built once, as a hunt builds those its events reach (allocations included).
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var build = Stopwatch.StartNew();
        var tables = rules.Index.Buckets.Sum(b => b.Prefilter?.TableBytes ?? 0);
        Console.WriteLine($"prefilters of {rules.Index.Buckets.Count()} buckets built in {build.Elapsed.TotalMilliseconds:F0} ms, " +
            $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0:F1} MiB allocated, tables {tables / 1048576.0:F1} MiB");
        return;
    }

    var events = BenchData.LoadEvents();

    // The bucket an event meets, as SigmaMatcher finds it.
    Vigie.Sigma.Engine.Bucket BucketOf(SigmaEvent ev)
    {
        var hasChannel = ev.GetLogChannel(out var channel) is SigmaValueKind.Value;
        ev.GetValue(rules.FieldTable.EventId, 0, out var id);
        return rules.Index.Find(channel, id, hasChannel);
    }

    if (args.Contains("--prefilter-only"))
    {
        var context = new Vigie.Sigma.Detection.EvalContext();
        var scratch = new Vigie.Sigma.Engine.MatcherScratch();
        Console.WriteLine($"automata tables: {rules.Index.Buckets.Sum(b => b.Prefilter?.TableBytes ?? 0) / 1048576.0:F1} MiB");
        for (var round = 0; round < 3; round++)
        {
            var w = Stopwatch.StartNew();
            var cpu0 = Environment.CpuUsage.TotalTime;
            long n = 0;
            foreach (var ev in events)
            {
                var bucket = BucketOf(ev);
                context.Event = ev;
                if (bucket.Prefilter is { } p)
                {
                    n += p.Collect(context, scratch, bucket.Variants.Length).Count;
                }
            }

            Console.WriteLine($"prefilter only: {events.Length / w.Elapsed.TotalSeconds:N0} events/s ({events.Length / (Environment.CpuUsage.TotalTime - cpu0).TotalSeconds:N0} per CPU second), {(double)n / events.Length:F1} candidates/event");
        }
    }

    if (args.Contains("--rule-costs"))
    {
        // Where matching time goes, rule by rule: each evaluation of a variant the prefilter lets through, timed.
        var context = new Vigie.Sigma.Detection.EvalContext();
        var scratch = new Vigie.Sigma.Engine.MatcherScratch();
        var costs = new Dictionary<SigmaRule, (long Ticks, long Evaluated, long Matched)>();
        for (var round = 0; round < 2; round++)
        {
            costs.Clear();
            foreach (var ev in events)
            {
                var bucket = BucketOf(ev);
                context.Event = ev;
                IEnumerable<int> candidates = bucket.Prefilter is { } p
                    ? p.Collect(context, scratch, bucket.Variants.Length)
                    : Enumerable.Range(0, bucket.Variants.Length);
                foreach (var v in candidates)
                {
                    var variant = bucket.Variants[v];
                    context.CurrentRule = variant.Rule;
                    var start = Stopwatch.GetTimestamp();
                    var matched = variant.Root.Evaluate(context);
                    var ticks = Stopwatch.GetTimestamp() - start;
                    var cost = costs.GetValueOrDefault(variant.Rule);
                    costs[variant.Rule] = (cost.Ticks + ticks, cost.Evaluated + 1, cost.Matched + (matched ? 1 : 0));
                }
            }
        }

        var all = costs.Values.Sum(c => c.Ticks);
        Console.WriteLine($"{events.Length:N0} events, {costs.Values.Sum(c => c.Evaluated) / (double)events.Length:F1} evaluations/event, {all * 1000.0 / Stopwatch.Frequency:F0} ms evaluating");
        foreach (var (rule, cost) in costs.OrderByDescending(c => c.Value.Ticks).Take(40))
        {
            Console.WriteLine($"{100.0 * cost.Ticks / all,5:F1}% {cost.Ticks * 1e9 / Stopwatch.Frequency / cost.Evaluated,8:F0} ns x {cost.Evaluated,8:N0} ({cost.Matched:N0} matched)  {rule.Title}  [{Path.GetFileName(rule.Source)}]");
        }

        return;
    }

    var matcher = rules.CreateMatcher();
    var matches = new List<SigmaMatch>();
    for (var round = 0; round < 5; round++)
    {
        var evaluatedBefore = matcher.VariantsEvaluated;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var total = 0;
        foreach (var ev in events)
        {
            matches.Clear();
            total += matcher.Match(ev, matches);
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        Console.WriteLine($"round {round}: {events.Length:N0} events in {watch.Elapsed.TotalMilliseconds:F0} ms = {events.Length / watch.Elapsed.TotalSeconds:N0} events/s ({events.Length / cpu.TotalSeconds:N0} per CPU second), {total:N0} matches, {(double)allocated / events.Length:F1} B/event, {(double)(matcher.VariantsEvaluated - evaluatedBefore) / events.Length:F1} rules evaluated/event");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MatchBenchmarks).Assembly).Run(args);
