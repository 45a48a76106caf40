using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Vigie.CommandPost.Storage;

namespace Vigie.Web.Hosting;

/// <summary>What every feature relies on: errors, JSON, languages, static assets, security headers, HTTPS.</summary>
internal static class HostingSetup
{
    public static readonly CultureInfo[] Cultures = [new("fr-FR"), new("en-GB")];

    public static void AddVigieHosting(this WebApplicationBuilder builder, VigieServerOptions options)
    {
        var services = builder.Services;
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Localize);
        services.AddExceptionHandler<VigieExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddLocalization();
        // French pages: emit é, à, ç... as themselves rather than as character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Sign-in cookies and antiforgery tokens survive restarts: keys live beside the data.
        services.AddDataProtection().SetApplicationName("vigie")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "keys")));
        if (options.Https)
        {
            var certificate = HttpsSetup.Load(options);
            services.AddSingleton(certificate);
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h =>
            {
                h.ServerCertificate = certificate.Certificate;
                h.ClientCertificateMode = ClientCertificateMode.NoCertificate;
            }));
        }
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    public static void UseVigieHosting(this WebApplication app)
    {
        app.Use(SecurityHeaders.Apply);
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(HostingSetup).Assembly, "Vigie.Web.Assets"),
            RequestPath = "/assets",
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Cultures[0]),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
        };
        localization.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        app.UseRequestLocalization(localization);
        // Page renders take turns, their sign-in included: with the session lookup outside a turn (after authorization),
        // the pages' share of the cores grew and the territory case's append p99 went from 35-43 ms to 58-61 ms.
        var turns = PageReaders.TurnsFor(app.Services.GetRequiredService<Database>().Kind, Environment.ProcessorCount);
        app.Use(new PageReaders(turns).Middleware);
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (!string.IsNullOrEmpty(returnUrl) && !PageQuery.IsLocalUrl(returnUrl))
            {
                throw new BadQueryParameterException("returnUrl");
            }

            var chosen = Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == culture) ?? Cultures[0];
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            return TypedResults.LocalRedirect(string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl);
        }).ExcludeFromDescription();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).ExcludeFromDescription();
    }
}
