using System.Globalization;
using Vigie.Hunt;

namespace Vigie.Cli.Hunt;

/// <summary>The end-of-run summary on stderr.</summary>
internal static class HuntSummaryWriter
{
    public static void Write(HuntSummary s, TextWriter error)
    {
        var c = CultureInfo.InvariantCulture;
        var seconds = Math.Max(s.Elapsed.TotalSeconds, 0.001);
        error.WriteLine(string.Create(c, $"hunt: {s.FilesRead}/{s.Files} files, {s.Events:N0} events in {seconds:F1} s ({s.Events / seconds:N0} events/s), {s.Rules:N0} rules"));
        error.WriteLine(string.Create(c, $"detections: {s.Detections:N0} ({string.Join(", ", HuntLevels.All.Reverse().Select(l => $"{HuntLevels.Name(l)} {s.ByLevel.GetValueOrDefault(l):N0}"))})"));
        if (s.FirstDetection is { } first && s.LastDetection is { } last)
        {
            error.WriteLine($"detections from {HuntTime.Format(first)} to {HuntTime.Format(last)}");
        }

        if (s.FirstEvent is { } firstEvent && s.LastEvent is { } lastEvent)
        {
            error.WriteLine($"events from {HuntTime.Format(firstEvent)} to {HuntTime.Format(lastEvent)}");
        }

        if (s.TopRules.Count > 0)
        {
            error.WriteLine("top rules:");
            foreach (var rule in s.TopRules.Take(10))
            {
                error.WriteLine(string.Create(c, $"  {rule.Count,8:N0}  [{HuntLevels.Name(rule.Level)}] {rule.Title} (by {rule.Author})"));
            }
        }

        if (s.Hosts.Count > 0)
        {
            error.WriteLine("hosts:");
            foreach (var host in s.Hosts.Take(15))
            {
                error.WriteLine(string.Create(c, $"  {host.Detections,8:N0}  {host.Computer}  {HuntTime.Format(host.First)} → {HuntTime.Format(host.Last)}"));
            }

            if (s.Hosts.Count > 15)
            {
                error.WriteLine(string.Create(c, $"  … and {s.Hosts.Count - 15} more"));
            }
        }

        if (s.RegexTimeouts > 0)
        {
            error.WriteLine(string.Create(c, $"warning: {s.RegexTimeouts} regular expression match(es) timed out (counted as no match)"));
        }
    }

    /// <summary>Rules disabled during the run: always said, quiet or not (their later detections are missing).</summary>
    public static void WriteDisabledRules(HuntSummary s, TextWriter error)
    {
        foreach (var rule in s.DisabledRules)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"vigie hunt: rule disabled: \"{rule.Title}\" ({rule.Source}): its regular expressions took {rule.RegexTime.TotalSeconds:F1} s ({rule.Timeouts:N0} timed out), more than the run allows a rule; its later detections are missing"));
        }
    }

    public static void WriteProblems(HuntSummary s, TextWriter error)
    {
        if (s.FileProblems.Count == 0)
        {
            return;
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files with problems: {s.FileProblems.Count} ({s.FileProblems.Count(p => !p.Complete)} not read fully)"));
        foreach (var problem in s.FileProblems)
        {
            error.WriteLine($"  {problem.Path}: {problem.Reason}");
        }
    }
}
