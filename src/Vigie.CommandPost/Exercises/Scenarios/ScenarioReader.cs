using System.Text;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// Reads any scenario file Vigie accepts: YAML (Vigie's format), a chronogramme as XLSX/XLS, or as CSV. Nothing is
/// written: the result says what would be imported and every problem with its line.
/// </summary>
public static class ScenarioReader
{
    public static ScenarioReadResult Read(ReadOnlySpan<byte> content, string fileName, ChronogrammeReader.Options? options = null,
        IEnumerable<(string Key, string Label, string LabelEn)>? crisisRoles = null, Func<string, byte[]?>? shippedFiles = null)
    {
        options ??= new ChronogrammeReader.Options();
        if (content.IsEmpty)
        {
            return ScenarioReadResult.Unreadable("?", new ScenarioError(null, "file", "the file is empty."));
        }

        if (TableReader.IsSpreadsheet(content))
        {
            return ChronogrammeReader.Read(TableReader.ReadSpreadsheet(content.ToArray()), RecipientCatalog.Create(crisisRoles), fileName, options);
        }

        if (ScenarioYamlReader.Looks(fileName, content))
        {
            if (!System.Text.Unicode.Utf8.IsValid(content))
            {
                return ScenarioReadResult.Unreadable(ScenarioYamlReader.Format, new ScenarioError(FirstInvalidLine(content), "file", "a YAML scenario must be UTF-8 text."));
            }

            var text = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
            return ScenarioYamlReader.Read(text, crisisRoles, shippedFiles, options.Title);
        }

        return ChronogrammeReader.Read(TableReader.ReadCsv(content), RecipientCatalog.Create(crisisRoles), fileName, options);
    }

    private static int FirstInvalidLine(ReadOnlySpan<byte> content)
    {
        var line = 1;
        var start = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            if (i == content.Length || content[i] == (byte)'\n')
            {
                if (!System.Text.Unicode.Utf8.IsValid(content[start..i]))
                {
                    return line;
                }

                line++;
                start = i + 1;
            }
        }

        return 1;
    }
}
