using Microsoft.AspNetCore.Http;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Exercises;

namespace Vigie.Web.Exercises;

/// <summary>A scenario file sent to the API or a page: the raw body or a multipart field named file, at most <see cref="ExerciseService.MaxImportBytes"/>.</summary>
internal static class ExerciseUploads
{
    public static async Task<Result<(byte[] Content, string Name)>> ReadAsync(HttpRequest request, string? name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        Stream source;
        var fileName = name;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file)
            {
                return Problem.Invalid("file", ProblemCode.ScenarioFileMissing);
            }

            if (file.Length > ExerciseService.MaxImportBytes)
            {
                return TooLarge();
            }

            fileName ??= file.FileName;
            source = file.OpenReadStream();
        }
        else
        {
            source = request.Body;
            fileName ??= request.ContentType switch
            {
                { } t when t.Contains("yaml", StringComparison.OrdinalIgnoreCase) => "scenario.yaml",
                { } t when t.Contains("spreadsheet", StringComparison.OrdinalIgnoreCase) => "chronogramme.xlsx",
                _ => "chronogramme.csv",
            };
        }

        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > ExerciseService.MaxImportBytes)
                {
                    return TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.Length == 0 ? Problem.Invalid("file", ProblemCode.FileEmpty) : (buffer.ToArray(), Path.GetFileName(fileName));
        }
    }

    private static Problem TooLarge() => Problem.Invalid("file", ProblemCode.FileTooLarge, ExerciseService.MaxImportBytes / 1024 / 1024);
}
