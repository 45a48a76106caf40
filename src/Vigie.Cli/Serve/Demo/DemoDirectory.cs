using Vigie.CommandPost.Common;
using Vigie.CommandPost.CrisisCell;

namespace Vigie.Cli.Serve.Demo;

/// <summary>
/// The demo's crisis directory: the cell, the hospital's on-call lines and the outside parties a crisis night calls.
/// Every name and number is fictional: the numbers are in the ranges ARCEP keeps for fiction (03 53 01 xx xx,
/// 01 99 00 xx xx, 06 39 98 xx xx), so nobody is called by mistake; the short national numbers (15, 17) are real.
/// </summary>
internal static class DemoDirectory
{
    private const string Fictional = "Nom et numéros fictifs (démonstration).";

    private static readonly DirectoryEntryInput[] s_entries =
    [
        new("Mme Lefebvre (démo)", "Directrice de crise", "CH des Marais-Blancs (fictif)", "03 53 01 10 01", "06 39 98 10 01", "24 h/24 pendant la crise", Fictional),
        new("M. Roussel (démo)", "Administrateur de garde", "CH des Marais-Blancs (fictif)", "03 53 01 10 02", "06 39 98 10 02", "Astreinte de direction, nuits et week-ends", Fictional),
        new("Mme Caron (démo)", "RSSI", "CH des Marais-Blancs (fictif)", "03 53 01 10 03", "06 39 98 10 03", "Joignable sur le portable personnel si le réseau est coupé", Fictional),
        new("M. Girard (démo)", "Astreinte informatique (DSI)", "CH des Marais-Blancs (fictif)", "03 53 01 10 04", "06 39 98 10 04", "24 h/24", Fictional),
        new("Dr Lambert (démo)", "Médecin urgentiste référent", "CH des Marais-Blancs (fictif)", "03 53 01 10 05", "06 39 98 10 05", "Garde des urgences", Fictional),
        new("Mme Petit (démo)", "Directrice des soins", "CH des Marais-Blancs (fictif)", "03 53 01 10 06", "06 39 98 10 06", null, Fictional),
        new("M. Moreau (démo)", "Cadre de santé des urgences", "CH des Marais-Blancs (fictif)", "03 53 01 10 07", null, "Poste de soins des urgences", Fictional),
        new("Mme Fontaine (démo)", "Communication", "CH des Marais-Blancs (fictif)", "03 53 01 10 08", "06 39 98 10 08", "Seule voix vers la presse", Fictional),
        new("M. Dubois (démo)", "Secrétariat de la main courante", "CH des Marais-Blancs (fictif)", "03 53 01 10 09", null, null, Fictional),
        new("Régulation médicale", "SAMU / centre 15", "SAMU 59 (démonstration)", "15", "03 53 01 20 15", "24 h/24", "Le 15 est réel ; la ligne directe est fictive (démonstration)."),
        new("Point focal régional (démo)", "ARS — veille et alerte", "ARS Hauts-de-France (démonstration)", "03 53 01 30 00", null, "24 h/24", Fictional),
        new("Permanence (démo)", "CERT Santé (ANS)", "Agence du numérique en santé (démonstration)", "01 99 00 40 00", null, "Heures ouvrées ; en dehors, passer par l'ARS", Fictional),
        new("Brigade de gendarmerie (démo)", "Dépôt de plainte", "Gendarmerie nationale (démonstration)", "17", "03 53 01 17 00", null, "Le 17 est réel ; la ligne de la brigade est fictive (démonstration)."),
        new("Cellule sinistres (démo)", "Assureur cyber", "Assurance fictive (démonstration)", "01 99 00 50 00", null, "Déclarer le sinistre sous 72 h", Fictional),
        new("Support (démo)", "Éditeur du DPI", "Éditeur fictif (démonstration)", "01 99 00 60 00", null, "Astreinte 24 h/24 sous contrat", Fictional),
    ];

    public static async Task SeedAsync(CrisisDirectoryService directory, CancellationToken cancellationToken)
    {
        foreach (var entry in s_entries)
        {
            var saved = await directory.SaveAsync(null, entry with { Notes = entry.Notes is null ? null : FrenchText.Typeset(entry.Notes) }, "demo", cancellationToken).ConfigureAwait(false);
            if (!saved.IsOk)
            {
                throw new InvalidOperationException($"The demo directory could not be created: {saved.Problem.Message}");
            }
        }
    }
}
