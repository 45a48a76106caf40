using System.Security.Cryptography;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Findings;

/// <summary>
/// Imports an uploaded hunt result file (Vigie's JSON lines) in batches, streamed through one
/// <see cref="FindingStreamReader"/> (line numbers run over the whole file). The run id is the SHA-256 of the file's
/// content, so uploading the same file twice adds nothing.
/// </summary>
public static class FindingUpload
{
    public const int BatchRows = 5000;

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

        using var reader = new FindingStreamReader(file, FindingImportLimits.File);
        long imported = 0, duplicates = 0, rejected = 0;
        var errors = new List<string>();
        for (var batch = 0; ; batch++)
        {
            var read = await reader.ReadBatchAsync(BatchRows, cut: true, cancellationToken).ConfigureAwait(false);
            if (read.Bound != FindingBound.None)
            {
                return read.BoundProblem("file");
            }

            if (batch == 0 && read.Rows.Count == 0 && read.Ended)
            {
                return (read.Errors.Count > 0 ? Problem.Invalid("file", ProblemCode.FindingsFileUnreadable, read.Errors[0]) : Problem.Invalid("file", ProblemCode.FindingsFileEmpty));
            }

            var result = await findings.ImportAsync(incidentId, run, batch, read.Ended, read.Rows, read.Errors, author, read.Refused, cancellationToken).ConfigureAwait(false);
            if (!result.IsOk)
            {
                return result.Problem;
            }

            imported += result.Value.Imported;
            duplicates += result.Value.Duplicates;
            rejected += result.Value.Rejected;
            errors.AddRange(result.Value.Errors.Take(20 - Math.Min(20, errors.Count)));
            if (read.Ended)
            {
                break;
            }
        }

        return Result<FindingImportResult>.Ok(new FindingImportResult(imported, duplicates, rejected, errors));
    }
}
