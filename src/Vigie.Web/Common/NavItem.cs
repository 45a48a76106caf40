using Vigie.CommandPost.Accounts;

namespace Vigie.Web.Common;

/// <summary>
/// A link of the main navigation. A feature registers its own with <c>services.AddNavItem(...)</c>; the label is
/// <paramref name="Key"/> in the feature's resources <paramref name="Resources"/>; shown to users with <paramref name="Permission"/>.
/// </summary>
public sealed record NavItem(string Href, Type Resources, string Key, int Order, Permission Permission = Permission.Read);
