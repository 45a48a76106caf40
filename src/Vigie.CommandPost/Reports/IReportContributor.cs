namespace Vigie.CommandPost.Reports;

/// <summary>
/// How a feature adds to the post-incident report (RETEX) and to the notification drafts without the report
/// knowing its tables: continuity of care gives the ED closure and reopening times, the affected services and
/// systems, the services downtime table and the redirected patients summary; the hunt gives its findings.
/// Register implementations as <c>IReportContributor</c> singletons; every method has an empty default.
/// Section titles and cells are in <see cref="ReportContext.Culture"/> (French, or English).
/// </summary>
public interface IReportContributor
{
    /// <summary>Key times this feature knows (e.g. ED closure and reopening); the cell's own settings take precedence.</summary>
    Task<IReadOnlyList<KeyTimeCandidate>> KeyTimesAsync(ReportContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KeyTimeCandidate>>([]);

    /// <summary>One line per affected service or system (French, for the drafts): "Urgences adultes : fermé depuis le 11/02/2024 05:40".</summary>
    Task<IReadOnlyList<string>> AffectedAsync(ReportContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Sections of the report (services downtime, redirected patients, hunt findings...); <see cref="ReportSection.Order"/> places them.</summary>
    Task<IReadOnlyList<ReportSection>> SectionsAsync(ReportContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReportSection>>([]);
}
