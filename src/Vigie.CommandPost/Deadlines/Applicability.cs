namespace Vigie.CommandPost.Deadlines;

/// <summary>Whether a deadline applies to an incident: all its questions answered yes, one answered no, or some still open (shown, to be confirmed).</summary>
public enum Applicability
{
    Applicable,
    ToConfirm,
    NotApplicable,
}
