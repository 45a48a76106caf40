using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Deadlines;

/// <summary>
/// The rules in force: the shipped file, with the hospital's <c>deadlines.yaml</c> merged over it when it exists.
/// The file is read again whenever it changes (no restart). A file that does not parse or check is not used: the
/// shipped rules stay in force and <see cref="DeadlineCatalog.Warning"/> says what is wrong, so a typo never
/// leaves the cell without deadlines.
/// </summary>
public sealed class DeadlineCatalogSource(DataFolder folder)
{
    public const string FileName = "deadlines.yaml";

    private readonly Lock _gate = new();
    private readonly string _shippedText = DeadlineCatalogReader.ShippedText();
    private DeadlineCatalog? _shipped;
    private DeadlineCatalog? _current;
    private (DateTime Written, long Length)? _stamp;

    public DeadlineCatalog Current
    {
        get
        {
            lock (_gate)
            {
                _shipped ??= DeadlineCatalogReader.Shipped();
                var file = folder.Combine(FileName);
                if (file is null || !File.Exists(file))
                {
                    _stamp = null;
                    return _current = _shipped;
                }

                var info = new FileInfo(file);
                var stamp = (info.LastWriteTimeUtc, info.Length);
                if (_current is not null && _stamp == stamp)
                {
                    return _current;
                }

                _stamp = stamp;
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (IOException e)
                {
                    return _current = _shipped with { Warning = $"{file} could not be read ({e.Message}); the shipped rules are in force." };
                }
                catch (UnauthorizedAccessException e)
                {
                    return _current = _shipped with { Warning = $"{file} could not be read ({e.Message}); the shipped rules are in force." };
                }

                var merged = DeadlineCatalogReader.Merge(_shippedText, text, file);
                _current = merged.IsOk
                    ? merged.Value with { Origin = $"shipped deadlines.yaml + {file}" }
                    : _shipped with { Warning = $"{merged.Problem.Message} The shipped rules are in force until the file is corrected." };
                return _current;
            }
        }
    }
}
