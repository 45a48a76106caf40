namespace Vigie.Web.Accounts;

/// <summary>Sign-in, first set-up, accounts and audit pages (French default in AccountsText.resx, English in AccountsText.en.resx).</summary>
public sealed class AccountsText
{
}
