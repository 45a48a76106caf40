using Microsoft.Extensions.DependencyInjection;
using Vigie.CommandPost.Accounts;
using Vigie.CommandPost.Actions;
using Vigie.CommandPost.Audit;
using Vigie.CommandPost.Checklists;
using Vigie.CommandPost.Common;
using Vigie.CommandPost.Continuity.Board;
using Vigie.CommandPost.Continuity.Diversions;
using Vigie.CommandPost.Continuity.Facilities;
using Vigie.CommandPost.Continuity.Redirections;
using Vigie.CommandPost.Continuity.Reminders;
using Vigie.CommandPost.Continuity.Reports;
using Vigie.CommandPost.Continuity.Sites;
using Vigie.CommandPost.CrisisCell;
using Vigie.CommandPost.Deadlines;
using Vigie.CommandPost.Exercises;
using Vigie.CommandPost.Exercises.Report;
using Vigie.CommandPost.Findings;
using Vigie.CommandPost.Incidents;
using Vigie.CommandPost.Journal;
using Vigie.CommandPost.Journal.Evidence;
using Vigie.CommandPost.Overview;
using Vigie.CommandPost.PaperKit;
using Vigie.CommandPost.Remediation;
using Vigie.CommandPost.Reports;
using Vigie.CommandPost.Situation;
using Vigie.CommandPost.Storage;

namespace Vigie.CommandPost;

/// <summary>
/// The command post's one composition root: every domain service over one database and one hospital clock. The web
/// host, the CLI, the tests and the benchmarks all build the command post here (the web host adds its pages on top).
/// </summary>
public static class CommandPostServices
{
    public static IServiceCollection AddCommandPost(this IServiceCollection services, CommandPostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = options.TimeProvider ?? TimeProvider.System;
        var clock = new HospitalClock(TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone), time);
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(clock);
        services.AddSingleton(new DataFolder(options.DataDirectory));
        services.AddSingleton(options.Database);
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton(sp => new Database(options.Database, sp.GetRequiredService<ChangeFeed>()));
        services.AddSingleton<AuditLog>();
        services.AddSingleton(sp => EvidenceStore.For(sp.GetRequiredService<Database>()));
        services.AddSingleton(new EvidenceLimits(options.EvidenceMaxBytes));
        services.AddSingleton<JournalService>();
        services.AddSingleton<EvidenceService>();
        services.AddSingleton<JournalSearch>();
        services.AddSingleton<ChangeRecorder>();
        services.AddSingleton(sp => new AccountService(sp.GetRequiredService<Database>(), sp.GetRequiredService<AuditLog>(), time)
        {
            Iterations = options.PasswordIterations ?? PasswordHasher.DefaultIterations,
        });

        // Features, in the order of the incident page's tabs.
        services.AddSingleton<IncidentService>();
        services.AddSingleton<CrisisCellService>();
        services.AddSingleton<CrisisDirectoryService>();
        services.AddSingleton<ActionService>();
        services.AddSingleton<SituationService>();
        services.AddSingleton<SiteCatalogService>();
        services.AddSingleton<BoardService>();
        services.AddSingleton<DiversionService>();
        services.AddSingleton<FacilityService>();
        services.AddSingleton<RedirectionService>();
        services.AddSingleton<ReevaluationReminders>();
        services.AddSingleton<DeadlineCatalogSource>();
        services.AddSingleton<DraftBuilder>();
        services.AddSingleton<DeadlineService>();
        services.AddSingleton<IReportContributor>(sp => new DeadlinesReportContributor(sp.GetRequiredService<DeadlineService>));
        services.AddSingleton<ChecklistTemplateSource>();
        services.AddSingleton<ChecklistService>();
        services.AddSingleton<IReportContributor, ChecklistsReportContributor>();
        services.AddSingleton<RemediationService>();
        services.AddSingleton<IReportContributor, RemediationReportContributor>();
        services.AddSingleton<FindingService>();
        services.AddSingleton<IReportContributor, FindingsReportContributor>();
        services.AddSingleton<IReportContributor, ContinuityReportContributor>();
        services.AddSingleton<IReportContributor, EvidenceReportContributor>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<OverviewService>();
        services.AddSingleton<PaperKitService>();
        services.AddSingleton<ExerciseHunt>();
        services.AddSingleton<ExerciseService>();
        services.AddSingleton<ExerciseReportBuilder>();
        return services;
    }
}
