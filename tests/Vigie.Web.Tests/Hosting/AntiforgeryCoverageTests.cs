using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Storage;
using Vigie.Web.Auth;
using Vigie.Web.Testing;

namespace Vigie.Web.Tests.Hosting;

/// <summary>
/// Issue 13, item 9: every state-changing endpoint a browser can reach with its cookie refuses a post without an
/// antiforgery token. The endpoints are enumerated from the server's own endpoint data source, so a new form
/// endpoint is covered the day it is added, or must say why it is exempt.
/// </summary>
public sealed partial class AntiforgeryCoverageTests
{
    private static readonly string[] s_unsafe = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch];

    [Fact]
    public async Task EveryStateChangingEndpoint_RefusesAPostWithoutAntiforgeryToken_OrSaysWhyItIsExempt()
    {
        await using var server = await TestServer.StartAsync(DatabaseKind.Sqlite);
        await server.CreateUserAsync("admin", UserRole.Admin);
        var incident = (await server.Service<IncidentService>().CreateAsync(new NewIncident("Rançongiciel", IncidentKind.Cyber), "admin")).Value;
        using var session = new PageSession(server.Address);
        await session.LoginAsync("admin");

        var endpoints = server.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var covered = new List<string>();
        var exempt = new List<string>();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? s_unsafe;
            var method = methods.FirstOrDefault(m => s_unsafe.Contains(m, StringComparer.OrdinalIgnoreCase));
            if (method is null)
            {
                continue;
            }

            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (endpoint.Metadata.GetMetadata<AntiforgeryExemption>() is { } exemption)
            {
                if (string.IsNullOrWhiteSpace(exemption.Reason))
                {
                    failures.Add($"{method} {pattern}: exempt without a reason");
                }

                exempt.Add(pattern);
                continue;
            }

            var path = Fill(pattern, incident.Id);
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "x", ["status"] = "fait", ["confirm"] = "1", ["active"] = "false" }),
            };
            var response = await session.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains(AntiforgeryEnforcement.Marker, StringComparison.Ordinal))
            {
                failures.Add($"{method} {pattern} ({path}): {(int)response.StatusCode}, not refused for its missing token");
            }

            covered.Add(pattern);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains("/incidents/{id:long}/retex/key-times/{key}/clear", covered);
        Assert.Contains("/logout", covered);
        Assert.Contains("/login", covered);
        Assert.True(covered.Count >= 15, $"only {covered.Count} endpoints checked: {string.Join(", ", covered)}");
        Assert.Contains(exempt, p => p.StartsWith("/api/", StringComparison.Ordinal));
    }

    private static string Fill(string pattern, long incidentId) =>
        Parameter().Replace(pattern, m => m.Groups["name"].Value.ToLowerInvariant() switch
        {
            "id" => incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "section" => "journal",
            _ when m.Groups["constraint"].Value is "long" or "int" => "1",
            _ => "x",
        }).Replace("/{**path}", "", StringComparison.Ordinal);

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z]+)(:(?<constraint>[a-z]+))?\??\}")]
    private static partial Regex Parameter();
}
