using System.Security.Cryptography;
using Vigie.CommandPost.Common;
using Vigie.Hunt;

namespace Vigie.CommandPost.Findings;

/// <summary>
/// Reads Vigie's hunt JSON lines (a request body or an uploaded file) in batches and imports them. For an
/// uploaded file the run id is the SHA-256 of its content, so uploading the same file twice adds nothing.
/// </summary>
public static class FindingUpload
{
    public const int BatchRows = 5000;
    private const int MaxLineChars = 1024 * 1024;

    /// <summary>Parses JSON lines; bad lines are listed (line number and reason) and skipped.</summary>
    public static async Task<(List<HuntDetection> Rows, List<string> Errors)> ParseAsync(TextReader reader, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<HuntDetection>();
        var errors = new List<string>();
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Length > MaxLineChars)
            {
                errors.Add($"line {number}: longer than {MaxLineChars} characters");
                continue;
            }

            if (HuntJsonl.TryRead(System.Text.Encoding.UTF8.GetBytes(line), out var detection, out var error))
            {
                if (rows.Count >= maxRows)
                {
                    errors.Add($"line {number}: more than {maxRows} findings in one batch");
                    break;
                }

                rows.Add(detection!);
            }
            else
            {
                errors.Add($"line {number}: {error}");
            }
        }

        return (rows, errors);
    }

    /// <summary>Imports a whole uploaded file (seekable stream) in batches; idempotent per file content.</summary>
    public static async Task<Result<FindingImportResult>> ImportFileAsync(FindingService findings, long incidentId, Stream file, string author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(file);
        string run;
        if (file.CanSeek)
        {
            run = "file-" + Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false))[..32];
            file.Position = 0;
        }
        else
        {
            run = "file-" + Guid.NewGuid().ToString("N");
        }

        using var reader = new StreamReader(file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        long imported = 0, duplicates = 0, rejected = 0;
        var errors = new List<string>();
        var batch = 0;
        var lines = new List<string>(BatchRows);
        var lineNumber = 0;
        while (true)
        {
            lines.Clear();
            while (lines.Count < BatchRows && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                lines.Add(line);
            }

            var final = lines.Count < BatchRows;
            var (rows, lineErrors) = await ParseAsync(new StringReader(string.Join('\n', lines)), BatchRows, cancellationToken).ConfigureAwait(false);
            if (batch == 0 && rows.Count == 0 && final)
            {
                return Problem.Invalid("file", lineErrors.Count > 0 ? $"no finding in this file ({lineErrors[0]})" : "the file is empty");
            }

            var offset = lineNumber - lines.Count;
            var located = lineErrors.Select(e => Relocate(e, offset)).ToList();
            var result = await findings.ImportAsync(incidentId, run, batch, final, rows, located, author, cancellationToken).ConfigureAwait(false);
            if (!result.IsOk)
            {
                return result.Problem;
            }

            imported += result.Value.Imported;
            duplicates += result.Value.Duplicates;
            rejected += result.Value.Rejected;
            errors.AddRange(result.Value.Errors.Take(20 - Math.Min(20, errors.Count)));
            batch++;
            if (final)
            {
                break;
            }
        }

        return Result<FindingImportResult>.Ok(new FindingImportResult(imported, duplicates, rejected, errors));
    }

    private static string Relocate(string error, int offset)
    {
        // "line N: ..." within the batch -> line number in the file
        if (error.StartsWith("line ", StringComparison.Ordinal))
        {
            var colon = error.IndexOf(':', StringComparison.Ordinal);
            if (colon > 5 && int.TryParse(error.AsSpan(5, colon - 5), System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                return $"line {n + offset}{error[colon..]}";
            }
        }

        return error;
    }
}
