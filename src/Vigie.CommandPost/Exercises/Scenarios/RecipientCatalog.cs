using System.Collections.Frozen;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// Who a stimulus can be addressed to, and the many ways chronogrammes write it: everyone (<c>tous</c>), the crisis
/// cell's roles (the built-in ones and the hospital's own list), people the kits often address who hold no role in the
/// cell (administrateur de garde, standard, astreinte informatique ...), and the recipients a scenario declares.
/// A cell naming several recipients ("RSSI / DSI", "DSI, communication") is split when it does not name one as a whole.
/// </summary>
public sealed class RecipientCatalog
{
    public const string Everyone = "tous";

    /// <summary>The built-in recipients: key, French label, English label, other names (compared by <see cref="TextKey"/>).</summary>
    public static readonly IReadOnlyList<(string Key, string Label, string LabelEn, string[] Aliases)> BuiltIn =
    [
        (Everyone, "Tous", "Everyone", ["toutes", "tout le monde", "all", "everyone", "cellule", "cellule de crise", "ensemble de la cellule", "joueurs", "tous les joueurs", "crisis cell", "cell", "all players"]),
        ("directeur_crise", "Directeur de crise", "Crisis director", ["directrice de crise", "dc", "direction", "directeur", "directrice", "directeur general", "directrice generale", "dg", "direction generale", "chef d etablissement", "director", "crisis director", "crisis manager"]),
        ("main_courante", "Main courante / secrétariat", "Log keeper / secretariat", ["main courante", "secretariat", "secretaire", "secretariat de crise", "scribe", "log keeper", "secretary"]),
        ("rssi", "RSSI", "Security officer (CISO)", ["responsable securite", "responsable de la securite des systemes d information", "ciso", "security officer"]),
        ("dsi", "DSI", "IT director", ["directeur informatique", "directrice informatique", "direction informatique", "directeur des systemes d information", "direction des systemes d information", "it director", "cio"]),
        ("directeur_soins", "Directeur des soins", "Director of care", ["directrice des soins", "direction des soins", "coordonnateur general des soins", "coordinatrice generale des soins", "cgs", "director of care", "nursing director"]),
        ("medecin_urgences", "Médecin référent urgences", "Emergency lead physician", ["medecin urgentiste", "urgentiste", "medecin referent", "chef des urgences", "chef de service des urgences", "urgences", "emergency physician", "emergency lead"]),
        ("communication", "Communication", "Communication", ["chargee de communication", "charge de communication", "responsable communication", "dircom", "direction de la communication", "service communication", "press officer", "communication officer", "comms"]),
        ("logistique", "Logistique", "Logistics", ["responsable logistique", "services techniques", "logistics"]),
        ("accueil", "Agent d’accueil", "Desk agent", ["agent d accueil", "accueil des urgences", "agents d accueil", "reception", "front desk", "desk agent"]),
        ("administrateur_garde", "Administrateur de garde", "On-call administrator", ["directeur de garde", "directrice de garde", "administrateur d astreinte", "astreinte de direction", "cadre de direction de garde", "on call administrator", "on call director"]),
        ("cadre_sante", "Cadre de santé", "Nurse manager", ["cadre de sante de garde", "cadre de garde", "cadre de nuit", "cadre", "cadre superieur de sante", "nurse manager", "head nurse"]),
        ("informatique", "Astreinte informatique", "IT on call", ["equipe informatique", "technicien informatique", "informaticien", "support informatique", "service informatique", "informatique", "it team", "it on call", "helpdesk", "hotline"]),
        ("standard", "Standard", "Switchboard", ["standardiste", "standard telephonique", "switchboard", "operator"]),
        ("dpo", "Délégué à la protection des données", "Data protection officer", ["dpd", "delegue a la protection des donnees", "data protection officer"]),
        ("pcme", "Président de CME", "Chair of the medical committee", ["president de la cme", "presidente de la cme", "presidente de cme", "cme", "direction medicale"]),
    ];

    private static readonly char[] s_separators = [',', ';', '/', '+', '&', '\n', '|'];

    private readonly FrozenDictionary<string, string> _byName;
    private readonly FrozenDictionary<string, (string Label, string LabelEn)> _labels;

    private RecipientCatalog(Dictionary<string, string> byName, Dictionary<string, (string, string)> labels)
    {
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _labels = labels.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every key, built-in first.</summary>
    public IReadOnlyCollection<string> Keys => _labels.Keys;

    /// <summary>The built-in recipients, plus the hospital's crisis roles (key, French and English labels) and the scenario's own.</summary>
    public static RecipientCatalog Create(IEnumerable<(string Key, string Label, string LabelEn)>? crisisRoles = null, IEnumerable<ScenarioRecipient>? declared = null)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        var labels = new Dictionary<string, (string, string)>(StringComparer.Ordinal);

        void Add(string key, string label, string labelEn, IEnumerable<string> aliases)
        {
            labels.TryAdd(key, (label, labelEn));
            foreach (var name in aliases.Append(key).Append(label).Append(labelEn))
            {
                var normalised = TextKey.Normalise(name);
                if (normalised.Length > 0)
                {
                    byName.TryAdd(normalised, key);
                }
            }
        }

        foreach (var (key, label, labelEn, aliases) in BuiltIn)
        {
            Add(key, label, labelEn, aliases);
        }

        foreach (var (key, label, labelEn) in crisisRoles ?? [])
        {
            Add(key, label, labelEn, []);
        }

        foreach (var recipient in declared ?? [])
        {
            Add(recipient.Key, recipient.Label, recipient.Label, recipient.Aliases);
        }

        return new RecipientCatalog(byName, labels);
    }

    public bool IsKnown(string key) => _labels.ContainsKey(key);

    /// <summary>The label of a key in French (or English); the key itself when unknown.</summary>
    public string Label(string key, bool english = false) => _labels.TryGetValue(key, out var l) ? (english ? l.LabelEn : l.Label) : key;

    /// <summary>Reads a recipient cell: the keys it names, or the names it does not know.</summary>
    public (List<string> Keys, List<string> Unknown) Resolve(string? text)
    {
        var keys = new List<string>();
        var unknown = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return (keys, unknown);
        }

        if (_byName.TryGetValue(TextKey.Normalise(text), out var whole))
        {
            keys.Add(whole);
            return (keys, unknown);
        }

        foreach (var part in SplitParts(text))
        {
            if (_byName.TryGetValue(TextKey.Normalise(part), out var key))
            {
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }
            else
            {
                unknown.Add(part);
            }
        }

        return (keys, unknown);
    }

    private static IEnumerable<string> SplitParts(string text)
    {
        foreach (var piece in text.Split(s_separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "DSI et RSSI"
            foreach (var part in piece.Split(" et ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return part;
            }
        }
    }
}
