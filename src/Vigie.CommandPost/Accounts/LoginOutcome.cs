namespace Vigie.CommandPost.Accounts;

/// <summary>
/// A sign-in's outcome as the person sees it. Every failure is the same one (unknown name, disabled account, wrong
/// password, attempts held back): telling them apart would tell a stranger which names exist. The audit trail says which.
/// </summary>
public enum LoginOutcome
{
    Success,
    InvalidCredentials,
}
