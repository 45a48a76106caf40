using System.Text;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Facilities.Import;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>Reading facility files: encodings, separators, column names, and refused lines with their number and field.</summary>
public sealed class FacilityCsvTests
{
    static FacilityCsvTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, char, string> Encodings => new()
    {
        { "utf-8", ',', TextDecoding.Utf8 },
        { "utf-8", ';', TextDecoding.Utf8 },
        { "utf-8-bom", ',', TextDecoding.Utf8Bom },
        { "utf-8-bom", ';', TextDecoding.Utf8Bom },
        { "windows-1252", ',', TextDecoding.Windows1252 },
        { "windows-1252", ';', TextDecoding.Windows1252 },
        { "utf-16", ';', "UTF-16 LE" },
    };

    internal static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => new UTF8Encoding(false).GetBytes(text),
        "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
        "windows-1252" => Encoding.GetEncoding(1252).GetBytes(text),
        "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    internal static string Sample(char separator)
    {
        var s = separator;
        // A decimal comma needs quotes when the separator is a comma.
        var lat = s == ';' ? "50,6114609" : "\"50,6114609\"";
        return $"FINESS{s}Nom{s}Adresse{s}Code postal{s}Ville{s}Latitude{s}Longitude{s}Téléphone{s}Tél SAMU{s}Capacités{s}Statut{s}Approximatif{s}Colonne inconnue\r\n" +
               $"590796975{s}CHU de Lille – Hôpital Roger Salengro{s}\"2 avenue Oscar Lambret{s} bâtiment A\"{s}59037{s}Lille{s}{lat}{s}3.037601{s}320445962{s}15{s}urgences_adultes unv{s}ouvert{s}oui{s}x\r\n" +
               $"{s}Hôpital Saint-Philibert{s}115 rue du Grand But{s}59160{s}Lomme{s}50.6475{s}2.9735{s}03 20 22 50 50{s}{s}urgences_adultes|cardiologie{s}{s}non{s}\r\n" +
               $"{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}{s}\r\n";
    }

    [Theory, MemberData(nameof(Encodings))]
    public void Read_DetectsEncodingAndSeparator_AndKeepsAccents(string encoding, char separator, string expected)
    {
        var csv = FacilityCsvReader.Read(Encode(Sample(separator), encoding));
        Assert.Empty(csv.Errors);
        Assert.Equal((expected, separator, 2), (csv.Encoding, csv.Separator, csv.DataLines));
        Assert.Equal(["Colonne inconnue"], csv.IgnoredColumns);
        var chu = csv.Rows[0].Data;
        Assert.Equal(("590796975", "CHU de Lille – Hôpital Roger Salengro", $"2 avenue Oscar Lambret{separator} bâtiment A", 50.6114609, 3.037601), (chu.Finess, chu.Name, chu.Address, chu.Latitude, chu.Longitude));
        Assert.Equal(("03 20 44 59 62", "15", FacilityStatus.Ouvert, true), (chu.Phone, chu.SamuPhone, chu.Status, chu.Approximate));
        Assert.Equal([Capability.UrgencesAdultes, Capability.Unv], chu.Capabilities);
        var lomme = csv.Rows[1].Data;
        Assert.Equal((null, "Hôpital Saint-Philibert", (FacilityStatus?)null, false, 3), (lomme.Finess, lomme.Name, lomme.Status, lomme.Approximate, csv.Rows[1].Line));
        Assert.Equal([Capability.UrgencesAdultes, Capability.Cardiologie], lomme.Capabilities);
    }

    [Fact]
    public void Read_WhenLinesAreBad_ReportsEachWithItsLineAndField()
    {
        var text = "nom;latitude;longitude;finess;capacites;statut;telephone\n" +
                   "Bon;50.1;3.1;590000758;urgences_adultes;ouvert;0320483333\n" +
                   ";50.1;3.1;;;;\n" +                                   // 3: name missing
                   "Latitude folle;95;3.1;;;;\n" +                        // 4
                   "Pas un nombre;cinquante;3.1;;;;\n" +                  // 5
                   "Mauvais FINESS;50.1;3.1;12345;;;\n" +                 // 6
                   "Capacité inconnue;50.1;3.1;;heliport;;\n" +           // 7
                   "Statut inconnu;50.1;3.1;;;sature;\n" +                // 8
                   "Champs en trop;50.1;3.1;;;;;;\n" +                    // 9
                   "Doublon;50.2;3.2;590000758;;;\n" +                    // 10
                   "Téléphone;50.1;3.1;;;;appelez-moi\n" +               // 11
                   "\"Sur deux\nlignes\";50.1;3.1;;;;\n" +               // 12-13: valid, a quoted line break
                   "Dernier;50.1;;;;;\n";                                 // 14: longitude missing
        var csv = FacilityCsvReader.Read(Encoding.UTF8.GetBytes(text));
        Assert.Equal(12, csv.DataLines);
        Assert.Equal(["Bon", "Sur deux\nlignes"], csv.Rows.Select(r => r.Data.Name));
        Assert.Equal(
            [(3, "name"), (4, "latitude"), (5, "latitude"), (6, "finess"), (7, "capabilities"), (8, "status"), (9, null), (10, "finess"), (11, "phone"), (14, "longitude")],
            csv.Errors.Select(e => (e.Line, e.Field)));
        Assert.Contains("heliport", csv.Errors.Single(e => e.Line == 7).Message, StringComparison.Ordinal);
        Assert.Contains("line 2", csv.Errors.Single(e => e.Line == 10).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenTheHeaderLacksCoordinates_SaysSoOnLineOne()
    {
        var csv = FacilityCsvReader.Read(Encoding.UTF8.GetBytes("nom,ville\nCHU,Lille\n"));
        var error = Assert.Single(csv.Errors);
        Assert.Equal((1, "latitude"), (error.Line, error.Field));
        Assert.Empty(csv.Rows);
        Assert.Equal("the file is empty.", Assert.Single(FacilityCsvReader.Read([]).Errors).Message);
    }

    [Fact]
    public void Read_TheSharedFinessExtract_ReadsEveryLine()
    {
        var path = RepositoryPaths.SharedData("facilities/nord-pas-de-calais.csv");
        var csv = FacilityCsvReader.Read(File.ReadAllBytes(path));
        Assert.Equal((TextDecoding.Utf8, ',', 278), (csv.Encoding, csv.Separator, csv.DataLines));
        Assert.Empty(csv.Errors);
        var armentieres = csv.Rows.Single(r => r.Data.Finess == "590000758").Data;
        Assert.Equal(("CENTRE HOSPITALIER D'ARMENTIERES", "112 RUE SADI CARNOT", "59421", "ARMENTIERES", "03 20 48 33 33"),
            (armentieres.Name, armentieres.Address, armentieres.Postcode, armentieres.City, armentieres.Phone));
        Assert.Contains("geo_qual", csv.IgnoredColumns);
    }

    [Fact]
    public void Read_TheShippedSample_HasTheArmentieresTerritory()
    {
        var csv = FacilityCsvReader.Read(SampleTerritory.Bytes());
        Assert.Empty(csv.Errors);
        Assert.Equal(';', csv.Separator);
        var names = csv.Rows.Select(r => r.Data.Name).ToList();
        Assert.Contains("GHICL – Hôpital Saint-Philibert", names);
        Assert.Contains("Centre hospitalier d'Hazebrouck", names);
        Assert.Contains(csv.Rows, r => r.Data.Name.StartsWith("CHU de Lille", StringComparison.Ordinal) && r.Data.Capabilities.Contains(Capability.UrgencesAdultes));
        var philibert = csv.Rows.Single(r => r.Data.Name.Contains("Saint-Philibert", StringComparison.Ordinal)).Data;
        Assert.True(philibert.Approximate);
        Assert.Null(philibert.Finess);
        Assert.All(csv.Rows, r => Assert.False(string.IsNullOrEmpty(r.Data.Notes)));
    }

    [Theory]
    [InlineData("03 20 44 59 62", "03 20 44 59 62")]
    [InlineData("320445962", "03 20 44 59 62")]
    [InlineData("03.20.44.59.62", "03 20 44 59 62")]
    [InlineData("15", "15")]
    [InlineData("+33 3 20 44 59 62", "+33 3 20 44 59 62")]
    public void Phone_IsWrittenAsPeopleDialIt(string typed, string expected)
    {
        Assert.Null(FacilityValidation.Phone("phone", typed, out var normalised));
        Assert.Equal(expected, normalised);
    }
}
