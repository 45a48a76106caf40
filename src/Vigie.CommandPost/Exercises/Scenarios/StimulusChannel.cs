namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>
/// How a stimulus reaches the players; each has its card. Wire names: appel_telephonique, mail, sms, document_papier,
/// presse, reseau_social, artefact_technique, visite, autre.
/// </summary>
public enum StimulusChannel
{
    /// <summary>A phone call: who calls and what they say.</summary>
    AppelTelephonique,

    /// <summary>An e-mail (on a working mailbox, or read out by the animators).</summary>
    Mail,

    Sms,

    /// <summary>A paper document handed over or found (a ransom note): printable.</summary>
    DocumentPapier,

    /// <summary>A journalist calls or a press article is out.</summary>
    Presse,

    /// <summary>A post on a social network.</summary>
    ReseauSocial,

    /// <summary>A technical artefact (an alert, logs); may carry a file for the hunt.</summary>
    ArtefactTechnique,

    /// <summary>Someone comes to the crisis room in person.</summary>
    Visite,

    Autre,
}
