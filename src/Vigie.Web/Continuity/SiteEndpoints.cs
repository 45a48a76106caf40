using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.Web.Auth;
using Vigie.Web.Hosting;

namespace Vigie.Web.Continuity;

/// <summary>/api/v1/sites: the hospital's sites and their lists of clinical units and IT systems.</summary>
internal static class SiteEndpoints
{
    public static RouteGroupBuilder MapSiteEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sites").WithTags("Sites and services");
        group.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.Read))
            .WithDescription("Every site with its services (includeInactive=true adds deactivated sites and services).");
        group.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.Direct));
        group.MapPut("/{siteId:long}", UpdateAsync).RequireAuthorization(nameof(Permission.Direct));
        group.MapGet("/{siteId:long}/services", ListServicesAsync).RequireAuthorization(nameof(Permission.Read));
        group.MapPost("/{siteId:long}/services", AddServiceAsync).RequireAuthorization(nameof(Permission.Direct));
        group.MapPut("/{siteId:long}/services/{serviceId:long}", UpdateServiceAsync).RequireAuthorization(nameof(Permission.Direct))
            .WithDescription("Renames, recategorises, reorders or (de)activates a service. Services are never deleted: the journal refers to them.");
        return group;
    }

    private static async Task<Ok<SiteResponse[]>> ListAsync(bool? includeInactive, SiteCatalogService sites, CancellationToken ct)
    {
        var services = await sites.ListServicesAsync(null, includeInactive ?? false, ct);
        return TypedResults.Ok((await sites.ListSitesAsync(includeInactive ?? false, ct))
            .Select(s => new SiteResponse(s.Id, s.Name, s.Address, s.Latitude, s.Longitude, s.FacilityId, s.Active, services.Where(x => x.SiteId == s.Id).ToList())).ToArray());
    }

    private static async Task<Results<Created<SiteResponse>, ProblemHttpResult>> CreateAsync(SiteRequest request, SiteCatalogService sites, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await sites.CreateSiteAsync(new SiteInput(request.Name, request.Address, request.Latitude, request.Longitude, request.FacilityId),
            request.WithDefaultServices ?? true, user.Name(), ct);
        if (!created.IsOk)
        {
            return ApiProblems.From(created.Problem);
        }

        var site = created.Value;
        return TypedResults.Created($"/api/v1/sites/{site.Id}",
            new SiteResponse(site.Id, site.Name, site.Address, site.Latitude, site.Longitude, site.FacilityId, site.Active, await sites.ListServicesAsync(site.Id, false, ct)));
    }

    private static async Task<Results<Ok<SiteResponse>, ProblemHttpResult>> UpdateAsync(long siteId, SiteRequest request, SiteCatalogService sites, ClaimsPrincipal user, CancellationToken ct)
    {
        var updated = await sites.UpdateSiteAsync(siteId, new SiteInput(request.Name, request.Address, request.Latitude, request.Longitude, request.FacilityId),
            request.Active ?? true, user.Name(), ct);
        if (!updated.IsOk)
        {
            return ApiProblems.From(updated.Problem);
        }

        var site = updated.Value;
        return TypedResults.Ok(new SiteResponse(site.Id, site.Name, site.Address, site.Latitude, site.Longitude, site.FacilityId, site.Active, await sites.ListServicesAsync(site.Id, true, ct)));
    }

    private static async Task<Results<Ok<HospitalService[]>, ProblemHttpResult>> ListServicesAsync(long siteId, bool? includeInactive, SiteCatalogService sites, CancellationToken ct) =>
        await sites.GetSiteAsync(siteId, ct) is null
            ? ApiProblems.NotFound(ProblemCode.SiteNotFound, siteId)
            : TypedResults.Ok((await sites.ListServicesAsync(siteId, includeInactive ?? false, ct)).ToArray());

    private static async Task<Results<Created<HospitalService>, ProblemHttpResult>> AddServiceAsync(long siteId, ServiceRequest request, SiteCatalogService sites, ClaimsPrincipal user, CancellationToken ct)
    {
        var added = await sites.AddServiceAsync(siteId, new ServiceInput(request.Name, request.Category, request.Emergency ?? false, request.Sort), user.Name(), ct);
        return added.IsOk ? TypedResults.Created($"/api/v1/sites/{siteId}/services/{added.Value.Id}", added.Value) : ApiProblems.From(added.Problem);
    }

    private static async Task<Results<Ok<HospitalService>, ProblemHttpResult>> UpdateServiceAsync(long siteId, long serviceId, ServiceRequest request, SiteCatalogService sites, ClaimsPrincipal user, CancellationToken ct)
    {
        var updated = await sites.UpdateServiceAsync(siteId, serviceId, new ServiceInput(request.Name, request.Category, request.Emergency ?? false, request.Sort),
            request.Active ?? true, user.Name(), ct);
        return updated.IsOk ? TypedResults.Ok(updated.Value) : ApiProblems.From(updated.Problem);
    }
}
