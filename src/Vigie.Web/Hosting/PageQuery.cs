using System.Globalization;

namespace Vigie.Web.Hosting;

/// <summary>
/// Typed query parameters of pages. Blazor's own binding of <c>long?</c> throws on <c>?before=x</c> (a 500); pages take the
/// text instead and read it here: absent or empty is null, malformed is a <see cref="BadQueryParameterException"/> that the
/// host answers with a 400 page naming the parameter.
/// </summary>
internal static class PageQuery
{
    public static long? Long(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : throw new BadQueryParameterException(name);

    public static int? Int(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : throw new BadQueryParameterException(name);

    /// <summary>Reads the given parameters once, early, so a bad one stops the page before it does any work.</summary>
    public static void Check(params ReadOnlySpan<object?> values) => _ = values.Length;

    /// <summary>
    /// Whether a return address stays on this server: one leading '/', then neither '/' nor '\' (browsers read "/\host" as
    /// "//host"), and no control character anywhere (browsers drop tabs and new lines, so "/\t/host" is "//host" too).
    /// </summary>
    public static bool IsLocalUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (char.IsControl(c) || c == '\\')
            {
                return false;
            }
        }

        return true;
    }
}
