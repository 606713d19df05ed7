using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Accounts;
using OpenDti.Application.Audit;
using OpenDti.Application.Evidence;
using OpenDti.Application.Frameworks;
using OpenDti.Application.Periods;
using OpenDti.Application.Results;
using OpenDti.Application.Review;
using OpenDti.Application.Review.Mail;
using OpenDti.Application.Units;
using OpenDti.Application.Values;

namespace OpenDti.Application;

/// <summary>Registers the use cases.</summary>
public static class ApplicationRegistration
{
    /// <summary>Adds the use cases to <paramref name="services"/> (the database must be added too).</summary>
    public static IServiceCollection AddOpenDtiApplication(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CompiledFrameworks>();
        services.AddScoped<FrameworkCatalog>();
        services.AddScoped<Continuity>();
        services.AddScoped<CrosswalkService>();
        services.AddScoped<FrameworkWorkbookService>();
        services.AddScoped<FrameworkEditService>();
        services.AddScoped<UnitDirectory>();
        services.AddScoped<PeriodService>();
        services.AddScoped<CohortService>();
        services.AddScoped<ValueService>();
        services.AddScoped<Checks.CheckService>();
        services.AddScoped<BulkValueService>();
        services.AddScoped<Integration.ServiceAccountService>();
        services.AddScoped<Integration.PublicResultService>();
        services.AddScoped<ResultService>();
        services.AddSingleton<ScoreCache>();
        services.AddScoped<Review.PublicationService>();
        services.AddScoped<AppealService>();
        services.AddScoped<AuditService>();
        services.AddScoped<AccountService>();
        services.AddScoped<SignInCheck>();
        services.AddScoped<PasswordResetService>();
        services.AddOptions<DemoModeOptions>();
        services.AddScoped<Reporting.ReportingService>();
        services.AddScoped<Reporting.FormWorkbookService>();
        services.AddScoped<Reporting.ReportFormService>();
        services.AddOptions<EvidenceOptions>();
        services.AddScoped<EvidenceService>();
        services.AddOptions<ReviewOptions>();
        services.AddScoped<SubmissionService>();
        services.AddScoped<ReviewNoteService>();
        services.AddScoped<AdjustmentService>();
        services.AddScoped<ReviewComparisonService>();
        services.AddScoped<DeadlineService>();
        services.AddScoped<ToDoService>();
        services.AddScoped<Plans.PlanService>();
        services.AddScoped<Plans.PlanExchangeService>();
        services.AddScoped<Plans.AssignmentService>();
        services.AddScoped<Plans.ProgressService>();
        services.AddScoped<Tables.TableService>();
        services.AddScoped<Improvement.National.NationalService>();
        services.AddOptions<SmtpOptions>();
        services.AddOptions<ReminderOptions>();
        services.AddScoped<ReminderService>();
        services.AddOptions<Documents.DocumentOptions>();
        services.AddScoped<Documents.DocumentService>();
        services.AddScoped<Improvement.WhatIfService>();
        services.AddScoped<Improvement.GapService>();
        services.AddScoped<Improvement.ImprovementPlanService>();
        services.AddScoped<Improvement.Trends.TrendService>();
        services.AddSingleton<Improvement.Trends.TrendCache>();
        services.AddSingleton<Review.PublicationSnapshots>();
        services.AddScoped<Lists.RankingFilterService>();
        return services;
    }
}
