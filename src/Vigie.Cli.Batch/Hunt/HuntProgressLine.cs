using System.Globalization;
using Vigie.Hunt;

namespace Vigie.Cli.Hunt;

/// <summary>
/// The progress bar on stderr: rewritten in place when stderr is a terminal (files, events, events/s, ETA
/// from the bytes read); a plain line every five seconds otherwise; nothing when quiet.
/// </summary>
internal sealed class HuntProgressLine(TextWriter error, bool quiet, bool interactive)
{
    private readonly Lock _gate = new();
    private TimeSpan _last = TimeSpan.Zero;
    private bool _inPlace;

    public void Report(HuntProgress p)
    {
        if (quiet)
        {
            return;
        }

        lock (_gate)
        {
            var interval = interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);
            if (p.Elapsed - _last < interval)
            {
                return;
            }

            _last = p.Elapsed;
            var seconds = Math.Max(p.Elapsed.TotalSeconds, 0.001);
            var fraction = p.BytesTotal > 0 ? Math.Clamp((double)p.BytesDone / p.BytesTotal, 0, 1) : 0;
            var eta = fraction > 0.01 ? TimeSpan.FromSeconds(seconds / fraction - seconds) : (TimeSpan?)null;
            var bar = new string('#', (int)(fraction * 20)).PadRight(20, '.');
            var line = string.Create(CultureInfo.InvariantCulture,
                $"hunt [{bar}] {p.FilesDone}/{p.Files} files, {p.Events:N0} events ({p.Events / seconds:N0}/s), {p.Detections:N0} detections, ETA {(eta is { } e ? e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--")}");
            if (interactive)
            {
                error.Write("\r" + line.PadRight(110));
                _inPlace = true;
            }
            else
            {
                error.WriteLine(line);
            }
        }
    }

    public void Finish()
    {
        lock (_gate)
        {
            if (_inPlace)
            {
                error.Write("\r" + new string(' ', 110) + "\r");
                _inPlace = false;
            }
        }
    }
}
