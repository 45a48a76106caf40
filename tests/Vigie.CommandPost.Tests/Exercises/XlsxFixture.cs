using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Vigie.CommandPost.Tests.Exercises;

/// <summary>
/// Writes a small XLSX for the tests, as a spreadsheet program would: shared strings, numbers, and times typed as
/// times (a fraction of a day with the built-in h:mm format), on a first sheet.
/// </summary>
internal static class XlsxFixture
{
    /// <summary>A time cell: typed as a time in the sheet.</summary>
    public sealed record Time(TimeSpan Value);

    /// <summary>Rows of cells (string, number, <see cref="Time"/> or null for an empty cell); <paramref name="firstRow"/> is the sheet row of the first one.</summary>
    public static byte[] Write(IReadOnlyList<object?[]> rows, int firstRow = 1)
    {
        var strings = new List<string>();
        var sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            var rowNumber = firstRow + r;
            sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{rowNumber}\">");
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = $"{(char)('A' + c)}{rowNumber}";
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string s:
                        strings.Add(s);
                        sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" t=\"s\"><v>{strings.Count - 1}</v></c>");
                        break;
                    case Time t:
                        sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\" s=\"1\"><v>{(t.Value.TotalDays).ToString("R", CultureInfo.InvariantCulture)}</v></c>");
                        break;
                    case IFormattable n:
                        sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{reference}\"><v>{n.ToString(null, CultureInfo.InvariantCulture)}</v></c>");
                        break;
                }
            }

            sheet.Append("</row>");
        }

        sheet.Append("</sheetData></worksheet>");
        var shared = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{strings.Count}\" uniqueCount=\"{strings.Count}\">");
        foreach (var s in strings)
        {
            shared.Append("<si><t xml:space=\"preserve\">").Append(SecurityElement.Escape(s)).Append("</t></si>");
        }

        shared.Append("</sst>");
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""");
            Add(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Chronogramme" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
            Add(zip, "xl/styles.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""");
            Add(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
            Add(zip, "xl/sharedStrings.xml", shared.ToString());
        }

        return memory.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }
}
