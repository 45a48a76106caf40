using Vigie.CommandPost.Journal;

namespace Vigie.JournalSearch.Bench;

/// <summary>
/// A ransomware night's journal, made up but realistic: French texts of a few dozen words, several authors with their
/// usual kinds, some words common ("poste", "urgences") and some rare ("Armentières", "rançon"). Deterministic (a seed).
/// </summary>
internal static class JournalTexts
{
    private static readonly string[] s_buildings = ["A", "B", "C", "D", "Nord", "Sud"];
    private static readonly string[] s_servers = ["SRV-DPI-01", "SRV-AD-02", "SRV-PACS", "SRV-LABO", "SRV-PHARMA", "SRV-FICHIERS"];
    private static readonly string[] s_units = ["cardiologie", "pneumologie", "gériatrie", "pédiatrie", "maternité", "chirurgie viscérale", "réanimation", "médecine interne"];
    private static readonly string[] s_facilities = ["CHU de Lille", "CH de Roubaix", "CH de Tourcoing", "CH de Seclin", "GHICL Saint-Philibert", "CH de Bailleul"];

    // (author, kind, weight): who writes what, and how often.
    private static readonly (string Author, JournalKind Kind, int Weight, Func<Random, string> Text)[] s_templates =
    [
        ("secretariat", JournalKind.Fait, 20, r => $"Poste {r.Next(100, 999)} du bâtiment {Pick(r, s_buildings)} chiffré : écran « Vos fichiers ont été chiffrés », débranché du réseau et laissé allumé pour l'analyse."),
        ("secretariat", JournalKind.Fait, 10, r => $"Appel du service de {Pick(r, s_units)} : plus d'accès au dossier patient, passage aux procédures dégradées papier."),
        ("rssi", JournalKind.Fait, 12, r => $"Serveur {Pick(r, s_servers)} isolé du réseau ; copie de la mémoire et image disque en cours avant toute extinction."),
        ("rssi", JournalKind.Action, 6, r => $"Comptes à privilèges désactivés sur le domaine, mots de passe du compte de service {Pick(r, s_servers)} changés."),
        ("dsi", JournalKind.Fait, 8, r => $"Sauvegardes hors ligne vérifiées : {r.Next(3, 40)} jeux intègres, restauration du serveur {Pick(r, s_servers)} possible sous {r.Next(4, 48)} h."),
        ("dsi", JournalKind.Action, 6, r => $"Liaison internet coupée au pare-feu à {r.Next(0, 24):00} h {r.Next(0, 60):00}, messagerie arrêtée, téléphonie maintenue."),
        ("directeur", JournalKind.Decision, 7, r => $"Décision : fermeture des urgences adultes pour {r.Next(6, 48)} h, réévaluation toutes les {r.Next(2, 12)} h ; patients orientés vers le {Pick(r, s_facilities)}."),
        ("directeur", JournalKind.Communication, 5, r => $"Point de situation transmis à l'ARS et au préfet : {r.Next(20, 200)} postes touchés, urgences en délestage, pas de victime."),
        ("cadre-urgences", JournalKind.Fait, 9, r => $"Accueil des urgences : {r.Next(1, 30)} patients réorientés vers le {Pick(r, s_facilities)}, attente moyenne {r.Next(10, 90)} min."),
        ("cadre-urgences", JournalKind.Action, 5, r => $"Impression des plans de soins des {r.Next(10, 60)} patients de {Pick(r, s_units)} pour la relève de {r.Next(6, 22)} h."),
        ("communication", JournalKind.Communication, 4, r => $"Message aux personnels diffusé par haut-parleur : ne rallumer aucun poste, signaler tout écran suspect au {r.Next(1000, 9999)}."),
        ("secretariat", JournalKind.Note, 5, r => $"Note : relève de la main courante papier de {r.Next(0, 24):00} h, {r.Next(5, 40)} lignes reportées."),
        ("rssi", JournalKind.Fait, 1, r => $"Note de rançon trouvée sur {Pick(r, s_servers)} : demande de {r.Next(2, 60)} bitcoins, groupe se présentant comme LockBit."),
        ("ars-observateur", JournalKind.Note, 1, r => $"Observation de l'ARS : cellule de crise d'Armentières réunie, main courante tenue, prochain point à {r.Next(0, 24):00} h."),
    ];

    private static readonly int s_total = s_templates.Sum(t => t.Weight);

    public static IReadOnlyList<string> Authors => s_templates.Select(t => t.Author).Distinct().ToList();

    public static (string Author, JournalKind Kind, string Text) Next(Random random)
    {
        var pick = random.Next(s_total);
        foreach (var template in s_templates)
        {
            pick -= template.Weight;
            if (pick < 0)
            {
                return (template.Author, template.Kind, template.Text(random));
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
