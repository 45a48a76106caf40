using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Web.Common;
using Vigie.Web.Hosting;

namespace Vigie.Web.Exercises;

/// <summary>
/// Crisis exercises: the exercises page (list, import, built-in scenarios), the animators' console, the observation grid
/// and the report, the incident tab where players receive their stimuli, the banner on every page of an exercise, the
/// clock worker that delivers stimuli, the pages' form posts and downloads, and the API under /api/v1/exercises.
/// </summary>
internal static class ExercisesSetup
{
    public static void AddExercises(this WebApplicationBuilder builder)
    {
        builder.Services.AddNavItem(new NavItem("/exercices", typeof(ExercisesText), "NavExercises", 35));
        builder.Services.AddIncidentSection(new IncidentSection("exercice", typeof(ExerciseSection), typeof(ExercisesText), "SectionExercise", 5) { AppliesTo = i => i.Exercise });
        builder.Services.AddHostedService<ExerciseClockWorker>();
    }

    public static void MapExercises(this WebApplication app)
    {
        app.MapExerciseForms();
        app.Api().MapExerciseEndpoints();
    }
}
