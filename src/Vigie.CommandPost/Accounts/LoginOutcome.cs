namespace Vigie.CommandPost.Accounts;

public enum LoginOutcome
{
    Success,
    InvalidCredentials,
    LockedOut,
}
