using System.Diagnostics;
using Vigie.Evtx;
using Vigie.Hunt.Pipeline;
using Vigie.Hunt.Sources;
using Vigie.Sigma;

namespace Vigie.Hunt;

/// <summary>
/// The hunt: reads every input (EVTX chunks on every core through <see cref="EvtxParallelReader"/>, JSON
/// files in parallel), matches each event against the rule set with one matcher per thread, keeps what
/// the rules found, orders it by time across all files (spilling sorted runs to disk past a bound), feeds
/// the ordered stream to the correlation rules, and hands the timeline and its summary to a sink.
/// Inputs are opened read-only; a damaged or unreadable file gives what can be read and a problem entry.
/// </summary>
public sealed partial class HuntEngine
{
    private readonly SigmaRuleSet _rules;
    private readonly HuntOptions _options;
    private readonly RuleInfo[] _info;
    private readonly SigmaField?[] _extras;

    /// <summary>Creates a hunt over compiled rules.</summary>
    public HuntEngine(SigmaRuleSet rules, HuntOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _options = options ?? new HuntOptions();
        _extras = DetectionBuilder.ResolveExtras(rules);
        _info = new RuleInfo[rules.Rules.Count];
        foreach (var rule in rules.Rules)
        {
            _info[rule.Index] = new RuleInfo(rule, rules, _options.MinLevel);
        }
    }

    /// <summary>Runs the hunt over <paramref name="inputs"/>; the sink gets the rows in time order, then the summary.</summary>
    public HuntSummary Run(IReadOnlyList<HuntInput> inputs, IHuntSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sink);
        var clock = Stopwatch.StartNew();
        using var sorter = new TimelineSorter(_options.TempDirectory ?? Path.GetTempPath(), Math.Max(1000, _options.DetectionsInMemory));
        var state = new RunState(inputs, _options, clock);
        var budget = new SigmaRegexBudget(_rules, _options.RegexBudgetPerRule);
        using var workers = new ThreadLocal<Worker>(() => new Worker(_rules, budget), trackAllValues: true);

        var evtx = new List<string>();
        var json = new List<(HuntInput Input, int Index)>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Kind == HuntInputKind.Evtx)
            {
                evtx.Add(inputs[i].Path);
            }
            else
            {
                json.Add((inputs[i], i));
            }
        }

        if (evtx.Count > 0)
        {
            var handler = new EvtxHandler(this, state, sorter, workers, inputs);
            EvtxParallelReader.Run(evtx, handler, new EvtxParallelOptions { Threads = Math.Max(1, _options.Threads), KeepOrder = false, SmallResults = true }, cancellationToken);
        }

        if (json.Count > 0)
        {
            ReadJsonFiles(json, state, sorter, workers, cancellationToken);
        }

        long regexTimeouts = 0;
        foreach (var worker in workers.Values)
        {
            regexTimeouts += worker.Matcher.RegexTimeouts;
        }

        var reading = new HuntSummary
        {
            Files = inputs.Count,
            FilesRead = state.FilesRead,
            Events = state.Events,
            Rules = _rules.Rules.Count,
            FirstEvent = state.FirstEvent,
            LastEvent = state.LastEvent,
            FileProblems = state.Problems.ToList(),
            RegexTimeouts = regexTimeouts,
            DisabledRules = [.. budget.Disabled.Select(d => new HuntDisabledRule(d.Rule.Title, d.Rule.Id ?? "", d.Rule.Source, d.RegexTime, d.Timeouts))],
        };
        var summary = WriteTimeline(sorter, inputs, sink, cancellationToken);
        var result = summary.Build(reading) with { Elapsed = clock.Elapsed };
        sink.Complete(result);
        return result;
    }

    /// <summary>Drains the time-ordered detections through the correlations into the sink.</summary>
    private SummaryBuilder WriteTimeline(TimelineSorter sorter, IReadOnlyList<HuntInput> inputs, IHuntSink sink, CancellationToken cancellationToken)
    {
        var summary = new SummaryBuilder();
        var correlator = _rules.HasCorrelations ? _rules.CreateCorrelator() : null;
        var fired = new List<SigmaCorrelationMatch>();
        var single = new SigmaMatch[1];
        var written = 0;
        foreach (var pending in sorter.Drain())
        {
            if ((++written & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var info = _info[pending.Rule];
            if (info.Output)
            {
                var detection = ToDetection(pending, info, inputs[pending.File].Path);
                sink.Write(detection);
                summary.Add(detection);
            }

            if (correlator is not null && info.CorrelationFields is { } fields && pending.CorrelationValues is { } values)
            {
                var ev = new SigmaEvent();
                for (var i = 0; i < fields.Count; i++)
                {
                    if (values[i] is { } value)
                    {
                        ev.Add(fields[i].Name, value);
                    }
                }

                single[0] = new SigmaMatch(info.Rule, "");
                correlator.Process(ev, new DateTimeOffset(pending.Ticks, TimeSpan.Zero), single, fired);
                Emit(fired, sink, summary);
            }
        }

        if (correlator is not null)
        {
            correlator.Flush(fired);
            Emit(fired, sink, summary);
        }

        return summary;
    }

    private void Emit(List<SigmaCorrelationMatch> fired, IHuntSink sink, SummaryBuilder summary)
    {
        foreach (var match in fired)
        {
            var info = _info[match.Rule.Index];
            if (!info.Output)
            {
                continue;
            }

            var details = new List<KeyValuePair<string, string>>();
            var computer = "";
            foreach (var (name, value) in match.Group)
            {
                details.Add(new(name, value));
                if (string.Equals(name, "Computer", StringComparison.OrdinalIgnoreCase))
                {
                    computer = value;
                }
            }

            details.Add(new("events", match.Events.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            details.Add(new("value", match.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            details.Add(new("first", HuntTime.Format(match.First.UtcDateTime)));

            var detection = new HuntDetection
            {
                Timestamp = match.Last.UtcDateTime,
                Computer = computer,
                RuleTitle = info.Rule.Title,
                RuleId = info.Rule.Id ?? "",
                Level = info.Level,
                Tactics = info.Tactics,
                Techniques = info.Techniques,
                Author = info.Rule.Author ?? "",
                Details = details,
                IsCorrelation = true,
            };
            sink.Write(detection);
            summary.Add(detection);
        }

        fired.Clear();
    }

    private static HuntDetection ToDetection(PendingDetection pending, RuleInfo info, string path) => new()
    {
        Timestamp = new DateTime(pending.Ticks, DateTimeKind.Utc),
        Computer = pending.Computer,
        Channel = pending.Channel,
        EventId = pending.EventId,
        RecordId = pending.RecordId,
        RuleTitle = info.Rule.Title,
        RuleId = info.Rule.Id ?? "",
        Level = info.Level,
        Tactics = info.Tactics,
        Techniques = info.Techniques,
        Author = info.Rule.Author ?? "",
        Details = pending.Details,
        SourceFile = path,
    };

    /// <summary>One thread's matcher and adapters.</summary>
    private sealed class Worker(SigmaRuleSet rules, SigmaRegexBudget budget)
    {
        public SigmaMatcher Matcher { get; } = rules.CreateMatcher(budget);

        public EvtxSigmaEvent Evtx { get; } = new(rules);

        public List<SigmaMatch> Matches { get; } = [];

        public DetailStrings Strings { get; } = new();
    }
}
