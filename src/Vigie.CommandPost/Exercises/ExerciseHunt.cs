using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises.Scenarios;
using Vigie.CommandPost.Findings;
using Vigie.Hunt;
using Vigie.Sigma;

namespace Vigie.CommandPost.Exercises;

/// <summary>
/// The hunt on a technical stimulus's artefact, in-process, so investigators train with the real hunt: the artefact is
/// written to a temporary file, read by Vigie.Hunt's pipeline (EVTX or JSON lines) against the exercise rules, and the
/// detections are imported as findings of the exercise incident (run id <c>exercise-stimulus-{id}</c>: once per stimulus).
/// Rules: the small set shipped for the built-in scenarios (<c>Exercises/BuiltIn/rules</c>, written for Vigie), plus the
/// hospital's own rule folder <c>sigma/</c> in the data folder when there is one (for example a copy of SigmaHQ's Windows rules).
/// </summary>
public sealed class ExerciseHunt(FindingService findings, DataFolder data)
{
    private readonly Lazy<SigmaRuleSet> _rules = new(() => BuildRules(data), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The rules the exercise hunt runs (built once, on first use).</summary>
    public SigmaRuleSet Rules => _rules.Value;

    /// <summary>Runs the hunt on one artefact; returns the number of findings imported (0 when the rules match nothing).</summary>
    public async Task<Result<long>> RunAsync(long incidentId, long stimulusId, string name, ArtifactFormat format, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var folder = Path.Combine(Path.GetTempPath(), "vigie-exercise-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "artefact" + (format == ArtifactFormat.Evtx ? ".evtx" : ".jsonl"));
            await File.WriteAllBytesAsync(file, content, cancellationToken).ConfigureAwait(false);
            var sink = new CollectingSink();
            var rules = Rules;
            await Task.Run(() => new HuntEngine(rules, new HuntOptions { Threads = 1, TempDirectory = folder })
                .Run([new HuntInput(file, format == ArtifactFormat.Evtx ? HuntInputKind.Evtx : HuntInputKind.JsonLines, content.Length)], sink, cancellationToken), cancellationToken).ConfigureAwait(false);
            var rows = sink.Rows.Select(r => r with { SourceFile = name }).ToList();
            var imported = await findings.ImportAsync(incidentId, $"exercise-stimulus-{stimulusId}", 0, final: true, rows, [], ExerciseService.Animation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return imported.IsOk ? imported.Value.Imported + imported.Value.Duplicates : imported.Problem;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // the temporary folder cleaner will get it
            }
        }
    }

    private static SigmaRuleSet BuildRules(DataFolder data)
    {
        var builder = new SigmaRuleSetBuilder();
        foreach (var (name, yaml) in BuiltInScenarios.Rules())
        {
            builder.AddYaml(yaml, name);
        }

        if (data.Combine("sigma") is { } folder && Directory.Exists(folder))
        {
            builder.AddPath(folder);
        }

        return builder.Build();
    }

    private sealed class CollectingSink : IHuntSink
    {
        public List<HuntDetection> Rows { get; } = [];

        public void Write(HuntDetection detection) => Rows.Add(detection);

        public void Complete(HuntSummary summary)
        {
        }
    }
}
