namespace Vigie.CommandPost.Exercises.Scenarios;

/// <summary>Reads the channel cell of a chronogramme ("Appel téléphonique", "Courriel", "Tweet", "Logs SIEM" ...) as a <see cref="StimulusChannel"/>.</summary>
public static class ChannelNames
{
    private static readonly (string Word, StimulusChannel Channel)[] s_words =
    [
        ("reseau social", StimulusChannel.ReseauSocial), ("reseaux sociaux", StimulusChannel.ReseauSocial), ("social", StimulusChannel.ReseauSocial),
        ("twitter", StimulusChannel.ReseauSocial), ("tweet", StimulusChannel.ReseauSocial), ("facebook", StimulusChannel.ReseauSocial),
        ("linkedin", StimulusChannel.ReseauSocial), ("instagram", StimulusChannel.ReseauSocial), ("tiktok", StimulusChannel.ReseauSocial),
        ("post", StimulusChannel.ReseauSocial), ("x", StimulusChannel.ReseauSocial),
        ("sms", StimulusChannel.Sms), ("texto", StimulusChannel.Sms), ("whatsapp", StimulusChannel.Sms), ("signal", StimulusChannel.Sms), ("text message", StimulusChannel.Sms),
        ("presse", StimulusChannel.Presse), ("journaliste", StimulusChannel.Presse), ("media", StimulusChannel.Presse), ("medias", StimulusChannel.Presse),
        ("article", StimulusChannel.Presse), ("tv", StimulusChannel.Presse), ("television", StimulusChannel.Presse), ("radio", StimulusChannel.Presse),
        ("press", StimulusChannel.Presse), ("journalist", StimulusChannel.Presse), ("depeche", StimulusChannel.Presse),
        ("appel", StimulusChannel.AppelTelephonique), ("telephone", StimulusChannel.AppelTelephonique), ("tel", StimulusChannel.AppelTelephonique),
        ("telephonique", StimulusChannel.AppelTelephonique), ("phone", StimulusChannel.AppelTelephonique), ("call", StimulusChannel.AppelTelephonique),
        ("mail", StimulusChannel.Mail), ("email", StimulusChannel.Mail), ("e mail", StimulusChannel.Mail), ("courriel", StimulusChannel.Mail),
        ("messagerie", StimulusChannel.Mail),
        ("papier", StimulusChannel.DocumentPapier), ("document", StimulusChannel.DocumentPapier), ("courrier", StimulusChannel.DocumentPapier),
        ("fax", StimulusChannel.DocumentPapier), ("lettre", StimulusChannel.DocumentPapier), ("note", StimulusChannel.DocumentPapier),
        ("impression", StimulusChannel.DocumentPapier), ("paper", StimulusChannel.DocumentPapier), ("letter", StimulusChannel.DocumentPapier),
        ("artefact", StimulusChannel.ArtefactTechnique), ("technique", StimulusChannel.ArtefactTechnique), ("log", StimulusChannel.ArtefactTechnique),
        ("logs", StimulusChannel.ArtefactTechnique), ("evtx", StimulusChannel.ArtefactTechnique), ("siem", StimulusChannel.ArtefactTechnique),
        ("alerte", StimulusChannel.ArtefactTechnique), ("edr", StimulusChannel.ArtefactTechnique), ("antivirus", StimulusChannel.ArtefactTechnique),
        ("supervision", StimulusChannel.ArtefactTechnique), ("technical", StimulusChannel.ArtefactTechnique), ("alert", StimulusChannel.ArtefactTechnique),
        ("visite", StimulusChannel.Visite), ("physique", StimulusChannel.Visite), ("en personne", StimulusChannel.Visite), ("oral", StimulusChannel.Visite),
        ("orale", StimulusChannel.Visite), ("face a face", StimulusChannel.Visite), ("in person", StimulusChannel.Visite), ("visit", StimulusChannel.Visite),
        ("autre", StimulusChannel.Autre), ("other", StimulusChannel.Autre),
    ];

    /// <summary>The channel a cell names (its wire name, or a usual word in it); null when it names none.</summary>
    public static StimulusChannel? Read(string? text)
    {
        if (Common.WireName<StimulusChannel>.TryParse(text, out var exact))
        {
            return exact;
        }

        var normalised = " " + TextKey.Normalise(text) + " ";
        if (normalised.Trim().Length == 0)
        {
            return null;
        }

        foreach (var (word, channel) in s_words)
        {
            if (normalised.Contains(" " + word + " ", StringComparison.Ordinal))
            {
                return channel;
            }
        }

        return null;
    }
}
