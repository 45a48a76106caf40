namespace Vigie.Web.Auth;

/// <summary>
/// Endpoint metadata: this state-changing endpoint is reachable without an antiforgery token, and why. Only for
/// endpoints a cross-site page cannot abuse (the bearer-only API, SignalR); every other POST, PUT, DELETE or PATCH is
/// checked by <see cref="AntiforgeryEnforcement"/>, and a test enumerates them.
/// </summary>
internal sealed record AntiforgeryExemption(string Reason);
