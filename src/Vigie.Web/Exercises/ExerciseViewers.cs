using System.Security.Claims;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Exercises;
using Vigie.Web.Auth;

namespace Vigie.Web.Exercises;

/// <summary>The signed-in person as an exercise sees them.</summary>
internal static class ExerciseViewers
{
    public static ExerciseViewer Viewer(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ExerciseViewer(user.Name(), user.FindFirst(UserClaims.DisplayName)?.Value ?? user.Name(), user.Role() ?? UserRole.Observateur);
    }
}
