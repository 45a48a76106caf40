using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Vigie.Web.Hosting;

/// <summary>
/// The language of an API answer: French when the client's Accept-Language puts French before English, English
/// otherwise (API clients are scripts and tools). <see cref="Use"/> sets it for the rest of the request.
/// </summary>
internal static class ApiLanguage
{
    public static CultureInfo Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var value in request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = value.Value.Value ?? "";
            if (tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase))
            {
                return HostingSetup.Cultures[0];
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return HostingSetup.Cultures[1];
            }
        }

        return HostingSetup.Cultures[1];
    }

    /// <summary>Answers in <see cref="Of"/>'s language until disposed.</summary>
    public static IDisposable Use(HttpRequest request) => new Scope(Of(request));

    private sealed class Scope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public Scope(CultureInfo culture)
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
