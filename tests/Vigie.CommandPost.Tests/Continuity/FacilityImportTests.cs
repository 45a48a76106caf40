using System.Text;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Facilities.Import;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost.Tests.Continuity;

/// <summary>Importing facilities into the directory, on SQLite and PostgreSQL: all or nothing, valid lines on request, updates by FINESS.</summary>
public sealed class FacilityImportTests
{
    public static TheoryData<DatabaseKind> Kinds => new(DatabaseKind.Sqlite, DatabaseKind.PostgreSql);

    public static TheoryData<DatabaseKind, string, char> KindsEncodingsSeparators
    {
        get
        {
            var data = new TheoryData<DatabaseKind, string, char>();
            foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.PostgreSql })
            {
                foreach (var encoding in new[] { "utf-8", "utf-8-bom", "windows-1252" })
                {
                    foreach (var separator in new[] { ',', ';' })
                    {
                        data.Add(kind, encoding, separator);
                    }
                }
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(KindsEncodingsSeparators))]
    public async Task Import_EachEncodingAndSeparator_StoresTheSameFacilities(DatabaseKind kind, string encoding, char separator)
    {
        await using var s = await ContinuityServices.CreateAsync(kind);
        var report = await s.Facilities.ImportAsync(FacilityCsvTests.Encode(FacilityCsvTests.Sample(separator), encoding), new FacilityImportOptions(), "admin");
        Assert.True(report.IsOk, report.Problem?.Message);
        Assert.Equal((true, 2, 0, 0, 0, separator), (report.Value.Imported, report.Value.Created, report.Value.Updated, report.Value.Unchanged, report.Value.Refused, report.Value.Separator));
        var facilities = await s.Facilities.ListAsync();
        Assert.Equal(["CHU de Lille – Hôpital Roger Salengro", "Hôpital Saint-Philibert"], facilities.Select(f => f.Name));
        Assert.Equal((FacilityStatus.Ouvert, "admin"), (facilities[0].Status, facilities[0].StatusBy));
        Assert.Equal(FacilityStatus.Inconnu, facilities[1].Status);
        Assert.Contains(await s.Core.Audit.RecentAsync(), a => a.Action == "facility.import" && a.Detail!.Contains("2 created", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_WithBadLines_ImportsNothing_UnlessAskedForTheValidOnes(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind);
        var bytes = Encoding.UTF8.GetBytes("nom;latitude;longitude;finess\nCH A;50.1;3.1;590000758\nCH B;91;3.1;\nCH C;50.3;3.3;\n");
        var refused = await s.Facilities.ImportAsync(bytes, new FacilityImportOptions(), "admin");
        Assert.Equal((false, 2, 1), (refused.Value.Imported, refused.Value.Created, refused.Value.Refused));
        Assert.Equal((3, "latitude"), (refused.Value.Errors[0].Line, refused.Value.Errors[0].Field));
        Assert.Empty(await s.Facilities.ListAsync());

        var dryRun = await s.Facilities.ImportAsync(bytes, new FacilityImportOptions(ValidOnly: true, DryRun: true), "admin");
        Assert.Equal((false, true, 2), (dryRun.Value.Imported, dryRun.Value.DryRun, dryRun.Value.Created));
        Assert.Empty(await s.Facilities.ListAsync());

        var valid = await s.Facilities.ImportAsync(bytes, new FacilityImportOptions(ValidOnly: true), "admin");
        Assert.Equal((true, 2, 1), (valid.Value.Imported, valid.Value.Created, valid.Value.Refused));
        Assert.Equal(["CH A", "CH C"], (await s.Facilities.ListAsync()).Select(f => f.Name));

        Assert.Equal("file", (await s.Facilities.ImportAsync(Array.Empty<byte>(), new FacilityImportOptions(), "admin")).Problem!.Field);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_Again_UpdatesByFinessOrName_AndKeepsTheKnownStatus(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind);
        await s.Facilities.ImportAsync(Encoding.UTF8.GetBytes("nom;latitude;longitude;finess\nCH A;50.1;3.1;590000758\nCH B;50.2;3.2;\n"), new FacilityImportOptions(), "admin");
        var a = (await s.Facilities.ListAsync()).Single(f => f.Name == "CH A");
        await s.Facilities.SetStatusAsync(a.Id, FacilityStatus.Tension, "Urgences saturées", "membre");

        var again = await s.Facilities.ImportAsync(
            Encoding.UTF8.GetBytes("nom;latitude;longitude;finess;capacites\nCentre hospitalier A;50.1;3.1;590000758;urgences_adultes\nch b;50.2;3.2;;\nCH B;50.2;3.2;;\nCH D;50.4;3.4;;\n"),
            new FacilityImportOptions(), "admin");
        Assert.Equal((1, 2, 1), (again.Value.Created, again.Value.Updated, again.Value.Unchanged));
        var facilities = await s.Facilities.ListAsync();
        Assert.Equal(3, facilities.Count);
        var renamed = facilities.Single(f => f.Id == a.Id);
        Assert.Equal(("Centre hospitalier A", FacilityStatus.Tension, "Urgences saturées"), (renamed.Name, renamed.Status, renamed.StatusNote));
        Assert.Equal([Capability.UrgencesAdultes], renamed.Capabilities);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task Import_TheSharedExtract_And_TheSample_FillTheDirectory(DatabaseKind kind)
    {
        var path = RepositoryPaths.SharedData("facilities/nord-pas-de-calais.csv");
        await using var s = await ContinuityServices.CreateAsync(kind);
        var extract = await s.Facilities.ImportAsync(await File.ReadAllBytesAsync(path), new FacilityImportOptions(), "admin");
        Assert.True(extract.Value.Imported);
        Assert.Equal(278, extract.Value.Created);
        Assert.Equal(278, (await s.Facilities.ListAsync()).Count);

        // The sample updates the public facilities it shares with the extract (same FINESS) and adds Saint-Philibert.
        var sample = await s.Facilities.ImportSampleAsync("admin");
        Assert.True(sample.IsOk && sample.Value.Imported, sample.Problem?.Message);
        Assert.Equal((1, 14), (sample.Value.Created, sample.Value.Updated));
        var armentieres = (await s.Facilities.ListAsync()).Single(f => f.Finess == "590000758");
        Assert.Equal("Centre hospitalier d'Armentières", armentieres.Name);
        Assert.True(armentieres.HasEmergency);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task ManualEdits_CheckTheFinessAndRefuseDeletingAFacilityInUse(DatabaseKind kind)
    {
        await using var s = await ContinuityServices.CreateAsync(kind);
        var chu = await s.NewFacilityAsync("CHU", 50.6114609, 3.037601, finess: "590796975");
        var other = await s.NewFacilityAsync("Autre", 50.5, 3.0);
        Assert.Equal(("finess", ProblemKind.Conflict), (await s.Facilities.UpdateAsync(other.Id, new FacilityInput("590796975", "Autre", null, null, null, 50.5, 3.0, false, null, null, null, null), "admin")) is var r ? (r.Problem!.Field, r.Problem.Kind) : default);
        Assert.Equal("finess", (await s.Facilities.CreateAsync(new FacilityInput("59A", "X", null, null, null, 50, 3, false, null, null, null, null), "admin")).Problem!.Field);
        var updated = await s.Facilities.UpdateAsync(chu.Id, new FacilityInput("590796975", "CHU de Lille", null, null, null, 50.61, 3.03, true, null, "03 20 44 66 42", "15", ["urgences_adultes"]), "admin");
        Assert.Equal(("CHU de Lille", "03 20 44 66 42", "03 20 44 66 42", true), (updated.Value.Name, updated.Value.EdPhone, updated.Value.BestPhone, updated.Value.Approximate));

        await s.NewSiteAsync(facilityId: chu.Id);
        Assert.Equal(ProblemKind.Conflict, (await s.Facilities.DeleteAsync(chu.Id, "admin")).Problem!.Kind);
        Assert.True((await s.Facilities.DeleteAsync(other.Id, "admin")).IsOk);
        Assert.Equal(ProblemKind.NotFound, (await s.Facilities.DeleteAsync(other.Id, "admin")).Problem!.Kind);
    }
}
