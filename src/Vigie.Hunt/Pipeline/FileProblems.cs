using Vigie.Evtx;

namespace Vigie.Hunt.Pipeline;

/// <summary>Gathers, per file, what went wrong while reading it (calling thread only).</summary>
internal sealed class FileProblems
{
    private readonly Dictionary<string, Entry> _files = new(StringComparer.Ordinal);

    public void Failed(string path, string reason) => Get(path).Fail(reason);

    public void Add(string path, EvtxProblem problem)
    {
        var entry = Get(path);
        if (problem.IsChecksum)
        {
            entry.Checksums++;
        }
        else
        {
            entry.Damaged++;
            entry.First ??= problem.ToString();
        }
    }

    public void Add(string path, IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        var entry = Get(path);
        entry.Damaged += problems.Count;
        entry.First ??= problems[0];
    }

    public List<HuntFileProblem> ToList()
    {
        var list = new List<HuntFileProblem>();
        foreach (var (path, entry) in _files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (entry.FailedReason is { } failed)
            {
                list.Add(new HuntFileProblem(path, "not read: " + failed, 1, Complete: false));
                continue;
            }

            var reasons = new List<string>();
            if (entry.Damaged > 0)
            {
                reasons.Add($"{entry.Damaged} damaged part(s) skipped, first: {entry.First}");
            }

            if (entry.Checksums > 0)
            {
                reasons.Add($"{entry.Checksums} checksum mismatch(es) (records still read)");
            }

            list.Add(new HuntFileProblem(path, string.Join("; ", reasons), entry.Damaged + entry.Checksums, Complete: entry.Damaged == 0));
        }

        return list;
    }

    private Entry Get(string path)
    {
        if (!_files.TryGetValue(path, out var entry))
        {
            _files[path] = entry = new Entry();
        }

        return entry;
    }

    private sealed class Entry
    {
        public int Damaged { get; set; }

        public int Checksums { get; set; }

        public string? First { get; set; }

        public string? FailedReason { get; private set; }

        public void Fail(string reason) => FailedReason ??= reason;
    }
}
