namespace Vigie.Exercise.Bench;

/// <summary>One reading of the server process: when (since DEBEX), its CPU time so far (/proc/PID/stat), its resident set (VmRSS, kB).</summary>
internal readonly record struct ServerSample(TimeSpan At, TimeSpan Cpu, long RssKilobytes);
