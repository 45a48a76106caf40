using System.Diagnostics;

namespace Vigie.Cli.Evtx;

/// <summary>
/// Progress on stderr: a line rewritten in place when stderr is a terminal; otherwise a line every five
/// seconds once the run has lasted five seconds; nothing when quiet.
/// </summary>
internal sealed class EvtxProgress(TextWriter error, bool quiet, bool interactive)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.Zero;
    private bool _wroteInPlace;

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Report(int filesDone, int filesTotal, long records, long bytes)
    {
        if (quiet)
        {
            return;
        }

        var now = _clock.Elapsed;
        var interval = interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);
        if (now - _last < interval || (!interactive && now < TimeSpan.FromSeconds(5)))
        {
            return;
        }

        _last = now;
        var seconds = Math.Max(now.TotalSeconds, 0.001);
        var line = $"evtx: {filesDone}/{filesTotal} files, {records:N0} records ({records / seconds:N0}/s, {bytes / seconds / 1048576:N1} MB/s)";
        if (interactive)
        {
            error.Write("\r" + line.PadRight(79));
            _wroteInPlace = true;
        }
        else
        {
            error.WriteLine(line);
        }
    }

    public void Finish()
    {
        if (_wroteInPlace)
        {
            error.Write("\r" + new string(' ', 79) + "\r");
            _wroteInPlace = false;
        }
    }
}
