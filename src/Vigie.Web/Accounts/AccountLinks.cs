using System.Globalization;
using Microsoft.Extensions.Localization;
using Vigie.CommandPost.Common;

namespace Vigie.Web.Accounts;

/// <summary>Addresses and words shared by the administration pages.</summary>
internal static class AccountLinks
{
    public static string Page(string userName) => "/admin/users/" + Uri.EscapeDataString(userName);

    /// <summary>
    /// The reader's-language text of a problem the administration pages know (the last administrator, a token's lifetime,
    /// a duplicate or malformed name); others keep their message until problems carry codes.
    /// </summary>
    public static string Say(IStringLocalizer<AccountsText> t, Problem problem) => (problem.Kind, problem.Field) switch
    {
        (ProblemKind.Conflict, "role") => t["LastAdminRole"],
        (ProblemKind.Conflict, "disabled") => t["LastAdminDisable"],
        (ProblemKind.Conflict, "name") => t["UserExists"],
        (ProblemKind.Invalid, "name") => t["UserNameInvalid"],
        (ProblemKind.Invalid, "expiresInDays") => t["TokenLifetimeInvalid"],
        (ProblemKind.Invalid, "tokenName") => t["TokenNameTooLong"],
        (ProblemKind.NotFound, _) => t["AccountNotFoundOrDisabled"],
        // Account problems carry no instant, so the zone does not matter here.
        _ => ProblemText.Render(problem, CultureInfo.CurrentUICulture, TimeZoneInfo.Utc),
    };
}
