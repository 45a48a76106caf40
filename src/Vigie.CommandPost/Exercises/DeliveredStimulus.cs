namespace Vigie.CommandPost.Exercises;

/// <summary>A stimulus just delivered (or played and waiting for its hunt): its exercise, id, number, and whether it carries an artefact.</summary>
public sealed record DeliveredStimulus(long IncidentId, long StimulusId, string Number, bool HasArtifact);
