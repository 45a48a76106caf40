using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.Web.Hosting;

namespace Vigie.Web.Auth;

/// <summary>
/// Cookies for the pages (HttpOnly, SameSite=Strict, Secure over HTTPS, 12 h sliding, each naming a server-side session
/// that logout, a new password, a new role or disabling the account ends at once), bearer tokens for the API,
/// one authorisation policy per <see cref="Permission"/>, antiforgery on every state-changing form, and throttling of
/// sign-in attempts per address (<see cref="LoginThrottle"/>, asked by the sign-in handler).
/// </summary>
internal static class AuthSetup
{
    public static void AddVigieAuth(this WebApplicationBuilder builder, VigieServerOptions options)
    {
        var services = builder.Services;
        services.AddAuthentication(VigieAuthSchemes.Cookie)
            .AddCookie(VigieAuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = VigieAuthSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = options.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = AccountService.SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/forbidden";
                o.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(VigieAuthSchemes.Bearer, null);
        services.AddAuthorization(o =>
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                o.AddPolicy(permission.ToString(), p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Can(permission)));
            }
        });
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "vigie.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = options.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<LoginThrottle>();
    }

    public static void UseVigieAuth(this WebApplication app)
    {
        if (app.Services.GetService<HttpsCertificate>() is not null)
        {
            app.Use(HttpsOnlyApi.Middleware); // the API is refused over HTTP, never redirected
            app.UseHttpsRedirection();
        }

        app.UseAuthentication();
        // Before authorization: a cross-site post is refused as such, whoever it claims to be and whatever it may do.
        app.UseAntiforgery();
        app.Use(AntiforgeryEnforcement.Middleware);
        app.UseAuthorization();
    }
}
