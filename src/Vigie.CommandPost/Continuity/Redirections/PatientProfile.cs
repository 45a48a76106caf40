namespace Vigie.CommandPost.Continuity.Redirections;

/// <summary>What ranking needs to know of a patient: the need (resolved), the birth year, the triage level, whether able to travel by own means.</summary>
public sealed record PatientProfile(PatientNeed Need, int BirthYear, int Triage, bool Ambulatory);
