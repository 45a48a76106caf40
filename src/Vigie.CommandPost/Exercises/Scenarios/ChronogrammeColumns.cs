using System.Collections.Frozen;

namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// The usual names of a chronogramme's columns, French first (the national kits') and English (MSELs), compared by
/// <see cref="TextKey"/> (no case, no accents, punctuation ignored: "N°" is "n", "H+" is "h").
/// </summary>
public static class ChronogrammeColumns
{
    private static readonly FrozenDictionary<string, ChronogrammeField> s_names = new Dictionary<string, ChronogrammeField>(StringComparer.Ordinal)
    {
        ["n"] = ChronogrammeField.Id, ["no"] = ChronogrammeField.Id, ["num"] = ChronogrammeField.Id, ["numero"] = ChronogrammeField.Id, ["id"] = ChronogrammeField.Id,
        ["ref"] = ChronogrammeField.Id, ["reference"] = ChronogrammeField.Id, ["n stimulus"] = ChronogrammeField.Id, ["numero stimulus"] = ChronogrammeField.Id,
        ["numero du stimulus"] = ChronogrammeField.Id, ["n du stimulus"] = ChronogrammeField.Id, ["identifiant"] = ChronogrammeField.Id, ["number"] = ChronogrammeField.Id,
        ["inject no"] = ChronogrammeField.Id, ["inject number"] = ChronogrammeField.Id, ["inject id"] = ChronogrammeField.Id, ["event no"] = ChronogrammeField.Id,
        ["serial"] = ChronogrammeField.Id,

        ["horaire"] = ChronogrammeField.Time, ["heure"] = ChronogrammeField.Time, ["horaires"] = ChronogrammeField.Time, ["heure de declenchement"] = ChronogrammeField.Time,
        ["heure d envoi"] = ChronogrammeField.Time, ["heure prevue"] = ChronogrammeField.Time, ["horaire prevu"] = ChronogrammeField.Time, ["time"] = ChronogrammeField.Time,
        ["clock"] = ChronogrammeField.Time, ["scheduled time"] = ChronogrammeField.Time, ["time of day"] = ChronogrammeField.Time,

        ["h"] = ChronogrammeField.Offset, ["delai"] = ChronogrammeField.Offset, ["decalage"] = ChronogrammeField.Offset, ["t"] = ChronogrammeField.Offset,
        ["h debex"] = ChronogrammeField.Offset, ["delai debex"] = ChronogrammeField.Offset, ["temps"] = ChronogrammeField.Offset, ["timing"] = ChronogrammeField.Offset,
        ["offset"] = ChronogrammeField.Offset, ["elapsed"] = ChronogrammeField.Offset, ["time from start"] = ChronogrammeField.Offset, ["delay"] = ChronogrammeField.Offset,

        ["canal"] = ChronogrammeField.Channel, ["type"] = ChronogrammeField.Channel, ["moyen"] = ChronogrammeField.Channel, ["vecteur"] = ChronogrammeField.Channel,
        ["mode"] = ChronogrammeField.Channel, ["type de stimulus"] = ChronogrammeField.Channel, ["moyen de transmission"] = ChronogrammeField.Channel,
        ["canal de transmission"] = ChronogrammeField.Channel, ["channel"] = ChronogrammeField.Channel, ["method"] = ChronogrammeField.Channel,
        ["medium"] = ChronogrammeField.Channel, ["mode of delivery"] = ChronogrammeField.Channel,

        ["emetteur"] = ChronogrammeField.From, ["emetteurs"] = ChronogrammeField.From, ["expediteur"] = ChronogrammeField.From, ["de"] = ChronogrammeField.From,
        ["source"] = ChronogrammeField.From, ["emetteur simule"] = ChronogrammeField.From, ["joue par"] = ChronogrammeField.From, ["from"] = ChronogrammeField.From,
        ["sender"] = ChronogrammeField.From, ["simulated sender"] = ChronogrammeField.From,

        ["destinataire"] = ChronogrammeField.To, ["destinataires"] = ChronogrammeField.To, ["pour"] = ChronogrammeField.To, ["a"] = ChronogrammeField.To,
        ["cible"] = ChronogrammeField.To, ["joueur"] = ChronogrammeField.To, ["joueurs"] = ChronogrammeField.To, ["to"] = ChronogrammeField.To,
        ["recipient"] = ChronogrammeField.To, ["recipients"] = ChronogrammeField.To, ["player"] = ChronogrammeField.To, ["players"] = ChronogrammeField.To,

        ["objet"] = ChronogrammeField.Subject, ["titre"] = ChronogrammeField.Subject, ["sujet"] = ChronogrammeField.Subject, ["intitule"] = ChronogrammeField.Subject,
        ["title"] = ChronogrammeField.Subject, ["subject"] = ChronogrammeField.Subject,

        ["stimulus"] = ChronogrammeField.Content, ["stimuli"] = ChronogrammeField.Content, ["message"] = ChronogrammeField.Content, ["contenu"] = ChronogrammeField.Content,
        ["texte"] = ChronogrammeField.Content, ["contenu du stimulus"] = ChronogrammeField.Content, ["description"] = ChronogrammeField.Content,
        ["evenement"] = ChronogrammeField.Content, ["content"] = ChronogrammeField.Content, ["inject"] = ChronogrammeField.Content, ["text"] = ChronogrammeField.Content,
        ["inject message"] = ChronogrammeField.Content, ["event"] = ChronogrammeField.Content, ["event description"] = ChronogrammeField.Content,

        ["reaction attendue"] = ChronogrammeField.Expected, ["reactions attendues"] = ChronogrammeField.Expected, ["reponse attendue"] = ChronogrammeField.Expected,
        ["action attendue"] = ChronogrammeField.Expected, ["actions attendues"] = ChronogrammeField.Expected, ["comportement attendu"] = ChronogrammeField.Expected,
        ["attendu"] = ChronogrammeField.Expected, ["attendus"] = ChronogrammeField.Expected, ["expected reaction"] = ChronogrammeField.Expected,
        ["expected action"] = ChronogrammeField.Expected, ["expected response"] = ChronogrammeField.Expected, ["expected outcome"] = ChronogrammeField.Expected,
        ["expected player action"] = ChronogrammeField.Expected,

        ["livrable"] = ChronogrammeField.Deliverable, ["livrables"] = ChronogrammeField.Deliverable, ["livrable attendu"] = ChronogrammeField.Deliverable,
        ["livrables attendus"] = ChronogrammeField.Deliverable, ["production attendue"] = ChronogrammeField.Deliverable, ["deliverable"] = ChronogrammeField.Deliverable,
        ["expected deliverable"] = ChronogrammeField.Deliverable, ["deliverables"] = ChronogrammeField.Deliverable,

        ["commentaire"] = ChronogrammeField.Notes, ["commentaires"] = ChronogrammeField.Notes, ["commentaire animateur"] = ChronogrammeField.Notes,
        ["commentaires animateur"] = ChronogrammeField.Notes, ["commentaires animateurs"] = ChronogrammeField.Notes, ["commentaire animation"] = ChronogrammeField.Notes,
        ["notes"] = ChronogrammeField.Notes, ["note"] = ChronogrammeField.Notes, ["notes animateur"] = ChronogrammeField.Notes, ["remarques"] = ChronogrammeField.Notes,
        ["consignes animateur"] = ChronogrammeField.Notes, ["consignes"] = ChronogrammeField.Notes, ["comment"] = ChronogrammeField.Notes,
        ["comments"] = ChronogrammeField.Notes, ["controller notes"] = ChronogrammeField.Notes, ["notes for controllers"] = ChronogrammeField.Notes,

        ["objectif"] = ChronogrammeField.Objective, ["objectifs"] = ChronogrammeField.Objective, ["objectif vise"] = ChronogrammeField.Objective,
        ["objectifs vises"] = ChronogrammeField.Objective, ["objective"] = ChronogrammeField.Objective, ["objectives"] = ChronogrammeField.Objective,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ChronogrammeField> s_fieldNames = new Dictionary<string, ChronogrammeField>(StringComparer.Ordinal)
    {
        ["id"] = ChronogrammeField.Id, ["numero"] = ChronogrammeField.Id, ["time"] = ChronogrammeField.Time, ["horaire"] = ChronogrammeField.Time,
        ["offset"] = ChronogrammeField.Offset, ["delai"] = ChronogrammeField.Offset, ["h"] = ChronogrammeField.Offset, ["channel"] = ChronogrammeField.Channel,
        ["canal"] = ChronogrammeField.Channel, ["from"] = ChronogrammeField.From, ["emetteur"] = ChronogrammeField.From, ["to"] = ChronogrammeField.To,
        ["destinataire"] = ChronogrammeField.To, ["subject"] = ChronogrammeField.Subject, ["objet"] = ChronogrammeField.Subject,
        ["content"] = ChronogrammeField.Content, ["stimulus"] = ChronogrammeField.Content, ["contenu"] = ChronogrammeField.Content,
        ["expected"] = ChronogrammeField.Expected, ["reaction attendue"] = ChronogrammeField.Expected, ["deliverable"] = ChronogrammeField.Deliverable,
        ["livrable"] = ChronogrammeField.Deliverable, ["notes"] = ChronogrammeField.Notes, ["commentaire"] = ChronogrammeField.Notes,
        ["objective"] = ChronogrammeField.Objective, ["objectif"] = ChronogrammeField.Objective,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The field a header cell names, if it is one Vigie knows.</summary>
    public static ChronogrammeField? Recognise(string? header) =>
        s_names.TryGetValue(TextKey.Normalise(header), out var field) ? field : null;

    /// <summary>A field as <c>--map</c> names it: its wire name (content, to ...) or its French name (contenu, destinataire ...).</summary>
    public static ChronogrammeField? FieldNamed(string? name) =>
        s_fieldNames.TryGetValue(TextKey.Normalise(name), out var field) ? field : null;
}
