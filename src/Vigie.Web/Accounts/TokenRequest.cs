using System.Globalization;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;

namespace Vigie.Web.Accounts;

/// <summary>The token form of the administration pages: for whom, what for, for how many days.</summary>
public sealed class TokenRequest
{
    /// <summary>The lifetimes offered, in days (30 is the default).</summary>
    public static readonly int[] Days = [1, 7, 30, 90, 365];

    public string? User { get; set; }

    public string? Name { get; set; }

    public string? ExpiresInDays { get; set; } = "30";

    public async Task<(string? Token, Problem? Problem)> CreateAsync(AccountService accounts, string actor, CancellationToken cancellationToken)
    {
        if (!int.TryParse(ExpiresInDays, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 366)
        {
            return (null, Problem.Invalid("expiresInDays", ProblemCode.TokenLifetimeOutOfRange));
        }

        var created = await accounts.CreateTokenAsync(User ?? "", Name, TimeSpan.FromDays(days), actor, cancellationToken).ConfigureAwait(false);
        return created.IsOk ? (created.Value, null) : (null, created.Problem);
    }
}
