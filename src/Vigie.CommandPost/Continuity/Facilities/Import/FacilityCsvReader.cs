using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using Vigie.CommandPost.Common;

namespace Vigie.CommandPost.Continuity.Facilities.Import;

/// <summary>
/// Reads a directory of facilities from CSV: UTF-8 with or without BOM, UTF-16 with BOM or Windows-1252; comma,
/// semicolon or tab separated (found from the header line); decimal commas accepted in coordinates. Columns are found
/// by name, in French or English, and also under the names of the FINESS/Eurostat extract
/// (<c>id, hospital_name, lat, lon, street, house_number, postcode, city, tel</c>). Every line is checked; a refused line
/// says its number, the field and why.
/// </summary>
public static class FacilityCsvReader
{
    public const int MaxLines = 50_000;

    private static readonly Dictionary<string, string> s_columns = new(StringComparer.Ordinal)
    {
        ["finess"] = "finess", ["id"] = "finess", ["no_finess"] = "finess", ["numero_finess"] = "finess", ["nofinesset"] = "finess",
        ["nom"] = "name", ["name"] = "name", ["hospital_name"] = "name", ["raison_sociale"] = "name", ["etablissement"] = "name",
        ["adresse"] = "address", ["address"] = "address", ["street"] = "address", ["voie"] = "address",
        ["numero"] = "houseNumber", ["house_number"] = "houseNumber", ["numero_voie"] = "houseNumber",
        ["code_postal"] = "postcode", ["postcode"] = "postcode", ["cp"] = "postcode",
        ["ville"] = "city", ["city"] = "city", ["commune"] = "city",
        ["latitude"] = "latitude", ["lat"] = "latitude",
        ["longitude"] = "longitude", ["lon"] = "longitude", ["lng"] = "longitude",
        ["telephone"] = "phone", ["tel"] = "phone", ["phone"] = "phone", ["standard"] = "phone",
        ["tel_urgences"] = "edPhone", ["telephone_urgences"] = "edPhone", ["ed_phone"] = "edPhone",
        ["tel_samu"] = "samuPhone", ["telephone_samu"] = "samuPhone", ["samu_phone"] = "samuPhone",
        ["capacites"] = "capabilities", ["capabilities"] = "capabilities",
        ["statut"] = "status", ["status"] = "status",
        ["approximatif"] = "approximate", ["coordonnees_approximatives"] = "approximate", ["approximate"] = "approximate",
        ["notes"] = "notes", ["remarques"] = "notes", ["comments"] = "notes",
    };

    private static readonly char[] s_capabilitySeparators = ['|', ',', ';', ' ', '+'];

    public static FacilityCsv Read(ReadOnlySpan<byte> content)
    {
        var text = TextDecoding.Decode(content, out var encoding);
        var separator = DetectSeparator(text);
        var rows = new List<FacilityCsvRow>();
        var errors = new List<CsvLineError>();
        var ignored = new List<string>();
        var dataLines = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new CsvLineError(1, Problem.Invalid("file", ProblemCode.FileEmpty) with { Field = null }));
            return new FacilityCsv(encoding, separator, 0, rows, errors, ignored);
        }

        using var reader = Sep.Reader(o => o with { Sep = new Sep(separator), HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.All })
            .FromText(text);
        Dictionary<string, int>? columns = null;
        var headerCount = 0;
        var seenFiness = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in reader)
        {
            // Sep numbers lines from 1, but reports 2 for the very first row when it reads no header itself.
            var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            if (columns is null)
            {
                columns = Header(row, ignored);
                headerCount = row.ColCount;
                var missing = new[] { "name", "latitude", "longitude" }.Where(c => !columns.ContainsKey(c)).ToList();
                if (missing.Count > 0)
                {
                    errors.Add(new CsvLineError(line, Problem.Invalid(missing[0], ProblemCode.CsvHeaderMissingColumns, string.Join(", ", missing), separator.ToString())));
                    return new FacilityCsv(encoding, separator, 0, rows, errors, ignored);
                }

                continue;
            }

            if (IsBlank(row))
            {
                continue;
            }

            dataLines++;
            if (dataLines > MaxLines)
            {
                errors.Add(new CsvLineError(line, Problem.Invalid("file", ProblemCode.CsvTooManyLines, MaxLines) with { Field = null }));
                break;
            }

            if (row.ColCount != headerCount)
            {
                errors.Add(new CsvLineError(line, Problem.Invalid("file", ProblemCode.CsvFieldCount, row.ColCount, headerCount, separator.ToString()) with { Field = null }));
                continue;
            }

            var problem = ParseLine(row, columns, out var data);
            if (problem is not null)
            {
                errors.Add(new CsvLineError(line, problem));
                continue;
            }

            if (data!.Finess is { } finess)
            {
                if (seenFiness.TryGetValue(finess, out var first))
                {
                    errors.Add(new CsvLineError(line, Problem.Invalid("finess", ProblemCode.CsvFinessRepeated, finess, first)));
                    continue;
                }

                seenFiness[finess] = line;
            }

            rows.Add(new FacilityCsvRow(line, data));
        }

        if (columns is null)
        {
            errors.Add(new CsvLineError(1, Problem.Invalid("file", ProblemCode.CsvNoHeader) with { Field = null }));
        }

        return new FacilityCsv(encoding, separator, dataLines, rows, errors, ignored);
    }

    /// <summary>The separator of the header line: the most frequent of ';', ',' and tab outside double quotes (comma when none).</summary>
    public static char DetectSeparator(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int semicolons = 0, commas = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                semicolons += c == ';' ? 1 : 0;
                commas += c == ',' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return tabs > semicolons && tabs > commas ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static Dictionary<string, int> Header(SepReader.Row row, List<string> ignored)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < row.ColCount; i++)
        {
            var name = row[i].ToString();
            if (s_columns.TryGetValue(Normalise(name), out var key) && !columns.ContainsKey(key))
            {
                columns[key] = i;
            }
            else if (!string.IsNullOrWhiteSpace(name))
            {
                ignored.Add(name.Trim());
            }
        }

        return columns;
    }

    private static Problem? ParseLine(SepReader.Row row, Dictionary<string, int> columns, out FacilityData? data)
    {
        data = null;
        var fields = new Dictionary<string, string>(columns.Count, StringComparer.Ordinal);
        foreach (var (key, index) in columns)
        {
            if (row[index].Span.Length > 0)
            {
                fields[key] = row[index].ToString();
            }
        }

        string? Get(string key) => fields.GetValueOrDefault(key);

        if (Coordinate("latitude", Get("latitude"), out var latitude) is { } latitudeProblem)
        {
            return latitudeProblem;
        }

        if (Coordinate("longitude", Get("longitude"), out var longitude) is { } longitudeProblem)
        {
            return longitudeProblem;
        }

        var approximate = false;
        if (Get("approximate") is { } approx)
        {
            switch (Normalise(approx))
            {
                case "oui" or "yes" or "true" or "1" or "x" or "o" or "y":
                    approximate = true;
                    break;
                case "non" or "no" or "false" or "0" or "n":
                    break;
                default:
                    return Problem.Invalid("approximate", ProblemCode.YesNoInvalid, approx);
            }
        }

        var address = Get("address");
        if (Get("houseNumber") is { } number && address is not null)
        {
            address = $"{number} {address}";
        }

        var capabilities = Get("capabilities")?.Split(s_capabilitySeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var input = new FacilityInput(Get("finess"), Get("name"), address, Get("postcode"), Get("city"), latitude, longitude, approximate,
            Get("phone"), Get("edPhone"), Get("samuPhone"), capabilities, Get("status"), Get("notes"));
        return FacilityValidation.Validate(input, out data);
    }

    /// <summary>A decimal degree, with a point or a decimal comma (French spreadsheets).</summary>
    private static Problem? Coordinate(string field, string? text, out double? value)
    {
        value = null;
        if (text is null)
        {
            return Problem.Invalid(field, ProblemCode.CoordinateRequired, field);
        }

        var candidate = text.Contains('.', StringComparison.Ordinal) ? text : text.Replace(',', '.');
        if (!double.TryParse(candidate, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return Problem.Invalid(field, ProblemCode.CoordinateInvalid, field, text);
        }

        value = parsed;
        return null;
    }

    private static bool IsBlank(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            if (!row[i].Span.IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Header and flag names compared without case, accents, spaces or hyphens ("Téléphone SAMU" = "telephone_samu").</summary>
    private static string Normalise(string name)
    {
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is ' ' or '-' or '.' ? '_' : char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
