namespace Vigie.Web.Auth;

public static class VigieAuthSchemes
{
    public const string Cookie = "VigieCookie";
    public const string Bearer = "Bearer";
    public const string CookieName = "vigie.auth";
}
