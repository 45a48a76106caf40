using Vigie.CommandPost.Exercises.Scenarios;

namespace Vigie.CommandPost.Exercises;

/// <summary>French words for the journal's texts (the crisis cell's language, hashed: they stay French).</summary>
public static class ExerciseLabels
{
    public static string French(StimulusChannel channel) => channel switch
    {
        StimulusChannel.AppelTelephonique => "appel téléphonique",
        StimulusChannel.Mail => "mail",
        StimulusChannel.Sms => "SMS",
        StimulusChannel.DocumentPapier => "document papier",
        StimulusChannel.Presse => "presse",
        StimulusChannel.ReseauSocial => "réseau social",
        StimulusChannel.ArtefactTechnique => "artefact technique",
        StimulusChannel.Visite => "visite",
        _ => "autre",
    };

    public static string French(ScenarioLevel level) => level switch
    {
        ScenarioLevel.Debutant => "débutant",
        ScenarioLevel.Intermediaire => "intermédiaire",
        _ => "confirmé",
    };

    /// <summary>"temps réel" or "accéléré ×10".</summary>
    public static string Speed(int speed) => speed <= 1 ? "temps réel" : $"accéléré ×{speed}";
}
