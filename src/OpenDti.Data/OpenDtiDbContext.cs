using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenDti.Data.Audit;
using OpenDti.Data.Evidence;
using OpenDti.Data.Integration;
using OpenDti.Data.Frameworks;
using OpenDti.Data.Identity;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using OpenDti.Data.Units;
using OpenDti.Data.Values;

namespace OpenDti.Data;

/// <summary>
/// The database: units, frameworks, periods, reported values and their audit, evidence files, the review cycle
/// (submissions, history, comments, adjustments, publications, appeals), accounts (ASP.NET Core
/// Identity) and the data-protection keys that let several web instances share sign-ins.
/// </summary>
/// <remarks>
/// One configuration class per entity lives next to the entity. Migrations are per provider:
/// <c>dotnet ef migrations add Name --project src/OpenDti.Data.Sqlite</c> and
/// <c>dotnet ef migrations add Name --project src/OpenDti.Data.Postgres</c> (see docs/architecture.md).
/// </remarks>
public sealed class OpenDtiDbContext(DbContextOptions<OpenDtiDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>Units of the province.</summary>
    public DbSet<Unit> Units => Set<Unit>();

    /// <summary>General information per unit and year.</summary>
    public DbSet<UnitProfileValue> UnitProfileValues => Set<UnitProfileValue>();

    /// <summary>Units' history.</summary>
    public DbSet<UnitEvent> UnitEvents => Set<UnitEvent>();

    /// <summary>Stored frameworks.</summary>
    public DbSet<FrameworkRecord> Frameworks => Set<FrameworkRecord>();

    /// <summary>Evaluation periods.</summary>
    public DbSet<Period> Periods => Set<Period>();

    /// <summary>Periods' cohorts.</summary>
    public DbSet<PeriodUnit> PeriodUnits => Set<PeriodUnit>();

    /// <summary>Reported values.</summary>
    public DbSet<ReportedValueRecord> ReportedValues => Set<ReportedValueRecord>();

    /// <summary>The audit of reported values.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Evidence files' metadata (without their bytes).</summary>
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();

    /// <summary>Evidence files' bytes.</summary>
    public DbSet<EvidenceContent> EvidenceContents => Set<EvidenceContent>();

    /// <summary>Units' submissions: review state and entry exceptions.</summary>
    public DbSet<Submission> Submissions => Set<Submission>();

    /// <summary>The review history: transitions, comments, answers, adjustments, appeals.</summary>
    public DbSet<ReviewEvent> ReviewEvents => Set<ReviewEvent>();

    /// <summary>Indicators' review threads.</summary>
    public DbSet<ReviewNote> ReviewNotes => Set<ReviewNote>();

    /// <summary>Evaluators' adjustments of reported values.</summary>
    public DbSet<ValueAdjustment> ValueAdjustments => Set<ValueAdjustment>();

    /// <summary>Published results, frozen.</summary>
    public DbSet<Publication> Publications => Set<Publication>();

    /// <summary>Units' appeals.</summary>
    public DbSet<Appeal> Appeals => Set<Appeal>();

    /// <summary>The indicators each appeal names; pending ones are unique per unit.</summary>
    public DbSet<AppealIndicator> AppealIndicators => Set<AppealIndicator>();

    /// <summary>Other systems' accounts, with the hash of their API key.</summary>
    public DbSet<ServiceAccount> ServiceAccounts => Set<ServiceAccount>();

    /// <summary>Requests saved with an <c>Idempotency-Key</c>, and their answers.</summary>
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Plans (phân công): one row per unit and indicator of a period.</summary>
    public DbSet<Plans.PlanRow> PlanRows => Set<Plans.PlanRow>();

    /// <summary>Plan rows' coordinating units.</summary>
    public DbSet<Plans.PlanCoordinator> PlanCoordinators => Set<Plans.PlanCoordinator>();

    /// <summary>Last year's results imported for a period (a province's first year on OpenDti).</summary>
    public DbSet<Plans.BaselineResult> BaselineResults => Set<Plans.BaselineResult>();

    /// <summary>Progress reports on plan rows.</summary>
    public DbSet<Plans.PlanProgress> PlanProgress => Set<Plans.PlanProgress>();

    /// <summary>Why units lost points (gap analysis).</summary>
    public DbSet<Improvement.GapCause> GapCauses => Set<Improvement.GapCause>();

    /// <summary>National reference values imported into periods.</summary>
    public DbSet<Improvement.PeriodReference> PeriodReferences => Set<Improvement.PeriodReference>();

    /// <summary>The ministry's published national DTI results.</summary>
    public DbSet<Improvement.NationalResult> NationalResults => Set<Improvement.NationalResult>();

    /// <summary>Their main indices' points and ranks.</summary>
    public DbSet<Improvement.NationalMainIndexResult> NationalMainIndexResults => Set<Improvement.NationalMainIndexResult>();

    /// <summary>Reminder e-mails sent.</summary>
    public DbSet<ReminderLog> RemindersSent => Set<ReminderLog>();

    /// <summary>Confirmed crosswalks between editions of frameworks.</summary>
    public DbSet<CrosswalkRecord> Crosswalks => Set<CrosswalkRecord>();

    /// <summary>Their lines.</summary>
    public DbSet<CrosswalkLinkRecord> CrosswalkLinks => Set<CrosswalkLinkRecord>();

    /// <inheritdoc />
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Saves, sealing new audit entries into the chain (<see cref="AuditChain"/>) inside the same
    /// transaction: the one the caller opened, or one opened here for this save alone.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var audit = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (audit.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await AuditChain.SealAsync(this, audit, cancellationToken);
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)" />
    /// <remarks>Synchronous callers (tests, tools) get the same sealing; the web application saves asynchronously.</remarks>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added)
            ? SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult()
            : base.SaveChanges(acceptAllChangesOnSuccess);

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(OpenDtiDbContext).Assembly);
    }
}
