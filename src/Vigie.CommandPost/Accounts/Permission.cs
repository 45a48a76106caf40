namespace Vigie.CommandPost.Accounts;

/// <summary>What an action needs. The web host turns each into an authorisation policy of the same name.</summary>
public enum Permission
{
    /// <summary>See incidents, the journal, the cell, actions, the directory.</summary>
    Read,

    /// <summary>Append to the journal, correct, create and update actions, take situation points, edit the directory.</summary>
    Write,

    /// <summary>Declare incidents, change phases, assign crisis roles, edit the role list.</summary>
    Direct,

    /// <summary>Manage accounts and tokens, read the audit trail.</summary>
    Administer,

    /// <summary>Record patient redirections at the reception desk and see the patients' minimal identification (continuity of care).</summary>
    Redirect,

    /// <summary>Run crisis exercises: import scenarios, DEBEX/FINEX, the clock, stimuli, animators' notes (the animateur role only).</summary>
    Animate,

    /// <summary>Fill an exercise's observation grid and read its expectations (observateur and animateur).</summary>
    Observe,
}
