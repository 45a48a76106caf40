using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Remediation;
using Vigie.Hunt;

namespace Vigie.Cli.Serve.Demo;

/// <summary>
/// The rest of the demo's night, so that no tab of the incident is empty: the ransomware reflex sheet being worked
/// through, the ARS declaration sent, a hunt's findings (fictional hosts, events and levels; rule titles in the style of SigmaHQ's) with the
/// shadow-copy deletion pinned to the journal, and the first remediation measures.
/// </summary>
internal static class DemoInvestigation
{
    private const string Domain = "marais-blancs.demo";

    public static async Task SeedAsync(IServiceProvider story, DemoClock clock, long incidentId, DateTimeOffset start, string director, string member, CancellationToken cancellationToken)
    {
        // The reflex sheet, applied when the cell meets; its first moves ticked as they were done.
        clock.Now = start.AddMinutes(40);
        var checklists = story.GetRequiredService<ChecklistService>();
        var sheet = Check(await checklists.ApplyAsync(incidentId, "ransomware", director, cancellationToken).ConfigureAwait(false));
        foreach (var (key, minutes, note) in new[] { ("isoler", 55, "Câbles débranchés, postes laissés allumés"), ("alerter", 65, null), ("ne_pas_payer", 70, "Consigne rappelée au standard"), ("preuves", 95, "Photos des notes de rançon sur l'ordinateur portable de crise") })
        {
            clock.Now = start.AddMinutes(minutes);
            var item = sheet.Items.First(i => i.Key == key);
            Check(await checklists.CheckAsync(incidentId, sheet.Id, item.Id, true, note, member, cancellationToken).ConfigureAwait(false));
        }

        // The declaration to the ARS ("sans délai"), sent three and a half hours after the ransom notes.
        clock.Now = start.AddHours(3).AddMinutes(40);
        var deadlines = story.GetRequiredService<DeadlineService>();
        Check(await deadlines.AnswerAsync(incidentId, "personal_data", ApplicabilityAnswer.NeSaitPas, director, cancellationToken).ConfigureAwait(false));
        Check(await deadlines.MarkSentAsync(incidentId, "ars_cert_sante", start.AddHours(3).AddMinutes(30), "DEMO-ARS-0001 (fictif)", director, cancellationToken).ConfigureAwait(false));

        // A first hunt on the logs the IT team collected: fictional machines and events.
        clock.Now = start.AddHours(5);
        var findings = story.GetRequiredService<FindingService>();
        var rows = Detections(start.UtcDateTime);
        Check(await findings.ImportAsync(incidentId, "demo-hunt-1", 0, true, rows, [], "demo-rssi", cancellationToken: cancellationToken).ConfigureAwait(false));
        var page = Check(await findings.ListAsync(incidentId, new FindingFilter(Rule: "Shadow Copies Deletion Using Operating Systems Utilities"), null, 1, cancellationToken).ConfigureAwait(false));
        clock.Now = start.AddHours(5).AddMinutes(10);
        Check(await findings.PinAsync(incidentId, page.Items[0].Id, director, "Les sauvegardes locales ont été détruites avant le chiffrement.", cancellationToken).ConfigureAwait(false));

        // The first lessons, for the weeks after.
        clock.Now = start.AddHours(6);
        var remediation = story.GetRequiredService<RemediationService>();
        Check(await remediation.CreateAsync(incidentId, new NewMeasure("Double authentification sur le VPN", CareDomain.AccesDistants, "RSSI (démo)", start.AddDays(30)), director, cancellationToken).ConfigureAwait(false));
        Check(await remediation.CreateAsync(incidentId, new NewMeasure("Sauvegardes hors ligne, restauration testée chaque mois", CareDomain.SauvegardesContinuite, "DSI (démo)", start.AddDays(60)), director, cancellationToken).ConfigureAwait(false));
    }

    private static List<HuntDetection> Detections(DateTime ransom)
    {
        var rows = new List<HuntDetection>();
        var record = 48_210L;
        HuntDetection Row(DateTime at, string host, string channel, int eventId, string rule, HuntLevel level, string tactic, string technique, params KeyValuePair<string, string>[] details) => new()
        {
            Timestamp = at,
            Computer = $"{host}.{Domain}",
            Channel = channel,
            EventId = eventId,
            RecordId = record++,
            RuleTitle = rule,
            RuleId = "demo-" + string.Concat(rule.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant(),
            Level = level,
            Tactics = [tactic],
            Techniques = [technique],
            Author = "Démonstration Vigie (données fictives)",
            Details = details,
            SourceFile = $"/collecte/{host}/Security.evtx",
        };

        // Two days before: password spraying on the VPN from abroad.
        for (var i = 0; i < 48; i++)
        {
            rows.Add(Row(ransom.AddDays(-2).AddMinutes(i * 7), "VPN-GW01", "Security", 4625, "Failed Logon From Public IP", HuntLevel.Medium, "initial-access", "T1078",
                new("TargetUserName", i % 3 == 0 ? "adm-sauvegarde" : $"utilisateur{i % 11}"), new("IpAddress", $"203.0.113.{10 + (i % 5)}"), new("LogonType", "3")));
        }

        rows.Add(Row(ransom.AddHours(-20), "SRV-DC01", "Security", 4624, "Successful Overpass the Hash Attempt", HuntLevel.High, "lateral-movement", "T1550.002",
            new("TargetUserName", "adm-sauvegarde"), new("IpAddress", "10.12.4.27"), new("LogonProcessName", "seclogo")));
        rows.Add(Row(ransom.AddHours(-19.5), "SRV-DC01", "Microsoft-Windows-Sysmon/Operational", 1, "HackTool - Mimikatz Execution", HuntLevel.High, "credential-access", "T1003.001",
            new("Image", @"C:\Users\Public\Music\m64.exe"), new("CommandLine", @"m64.exe ""privilege::debug"" ""sekurlsa::logonpasswords"" exit"), new("User", @"MARAIS\adm-sauvegarde")));
        foreach (var (host, hours) in new[] { ("SRV-FICHIERS", -3.0), ("PC-ACCUEIL-07", -2.5), ("SRV-DPI-APP", -2.0) })
        {
            rows.Add(Row(ransom.AddHours(hours), host, "System", 7045, "PsExec Service Installation", HuntLevel.High, "execution", "T1569.002",
                new("ServiceName", "PSEXESVC"), new("ImagePath", @"%SystemRoot%\PSEXESVC.exe"), new("AccountName", "LocalSystem")));
        }

        foreach (var (host, minutes) in new[] { ("SRV-FICHIERS", -40), ("SRV-DPI-APP", -35), ("SRV-PACS", -31) })
        {
            rows.Add(Row(ransom.AddMinutes(minutes), host, "Microsoft-Windows-Sysmon/Operational", 1, "Shadow Copies Deletion Using Operating Systems Utilities", HuntLevel.High, "impact", "T1490",
                new("Image", @"C:\Windows\System32\vssadmin.exe"), new("CommandLine", @"vssadmin.exe delete shadows /all /quiet"),
                new("ParentImage", @"C:\Windows\System32\cmd.exe"), new("User", @"MARAIS\adm-sauvegarde")));
            rows.Add(Row(ransom.AddMinutes(minutes + 1), host, "Application", 524, "Backup Catalog Deleted", HuntLevel.Medium, "defense-evasion", "T1070.004",
                new KeyValuePair<string, string>("Provider", "Microsoft-Windows-Backup")));
        }

        rows.Add(Row(ransom.AddMinutes(-12), "SRV-DC01", "Security", 1102, "Security Eventlog Cleared", HuntLevel.High, "defense-evasion", "T1070.001",
            new("SubjectUserName", "adm-sauvegarde"), new("SubjectDomainName", "MARAIS")));
        rows.Add(Row(ransom.AddMinutes(-5), "SRV-DC01", "Microsoft-Windows-Sysmon/Operational", 1, "Schtasks Creation Or Modification With SYSTEM Privileges", HuntLevel.Critical, "execution", "T1053.005",
            new("Image", @"C:\Windows\System32\schtasks.exe"),
            new("CommandLine", @"schtasks.exe /create /tn ""Mise a jour"" /tr ""\\SRV-DC01\NETLOGON\chiffre.exe"" /sc once /st 02:00 /ru SYSTEM /f")));
        return rows;
    }

    private static T Check<T>(Result<T> result) =>
        result.IsOk ? result.Value : throw new InvalidOperationException($"The demo data could not be created: {result.Problem.Message}");
}
