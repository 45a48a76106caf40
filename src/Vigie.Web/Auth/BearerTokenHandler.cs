using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigie.CommandPost.Accounts;

namespace Vigie.Web.Auth;

/// <summary>API authentication: <c>Authorization: Bearer vigie_…</c>, looked up by its SHA-256 among unrevoked tokens.</summary>
internal sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts, TokenCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("Malformed bearer token.");
        }

        var hash = TokenHasher.Hash(token);
        if (!cache.TryGet(hash, out var user))
        {
            user = await accounts.FindByTokenAsync(token, Context.RequestAborted).ConfigureAwait(false);
            if (user is not null)
            {
                cache.Add(hash, user);
            }
        }

        return user is null
            ? AuthenticateResult.Fail("Unknown or revoked bearer token.")
            : AuthenticateResult.Success(new AuthenticationTicket(UserClaims.Principal(user, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
