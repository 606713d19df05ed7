using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Data.Plans;

/// <summary>The longest texts a plan keeps.</summary>
public static class PlanLimits
{
    /// <summary>Guiding body, target, deadline text.</summary>
    public const int Short = 400;

    /// <summary>Notes, reasons and progress texts.</summary>
    public const int Long = 2000;
}

internal sealed class PlanRowConfiguration : IEntityTypeConfiguration<PlanRow>
{
    public void Configure(EntityTypeBuilder<PlanRow> builder)
    {
        builder.ToTable("plan_rows");
        builder.Property(r => r.Indicator).HasMaxLength(32);
        builder.Property(r => r.GuidingBody).HasMaxLength(PlanLimits.Short);
        builder.Property(r => r.Target).HasMaxLength(PlanLimits.Short);
        builder.Property(r => r.DueText).HasMaxLength(PlanLimits.Short);
        builder.Property(r => r.Note).HasMaxLength(PlanLimits.Long);
        builder.Property(r => r.Classification).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ClassificationReason).HasMaxLength(PlanLimits.Long);
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.PeriodId, r.UnitId, r.Indicator }).IsUnique();
        builder.HasIndex(r => new { r.PeriodId, r.LeadUnitId });
        builder.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(r => r.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Coordinators).WithOne().HasForeignKey(c => c.PlanRowId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanCoordinatorConfiguration : IEntityTypeConfiguration<PlanCoordinator>
{
    public void Configure(EntityTypeBuilder<PlanCoordinator> builder)
    {
        builder.ToTable("plan_coordinators");
        builder.HasKey(c => new { c.PlanRowId, c.UnitId });
        builder.HasIndex(c => c.UnitId);
        builder.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BaselineResultConfiguration : IEntityTypeConfiguration<BaselineResult>
{
    public void Configure(EntityTypeBuilder<BaselineResult> builder)
    {
        builder.ToTable("baseline_results");
        builder.Property(b => b.Indicator).HasMaxLength(32);
        builder.Property(b => b.Points).HasPrecision(28, 8);
        builder.Property(b => b.Measure).HasMaxLength(PlanLimits.Short);
        builder.Property(b => b.ImportedBy).HasMaxLength(256);
        builder.HasIndex(b => new { b.PeriodId, b.UnitId, b.Indicator }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(b => b.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(b => b.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanProgressConfiguration : IEntityTypeConfiguration<PlanProgress>
{
    public void Configure(EntityTypeBuilder<PlanProgress> builder)
    {
        builder.ToTable("plan_progress");
        builder.Property(p => p.Term).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Text).HasMaxLength(PlanLimits.Long);
        builder.Property(p => p.ReportedBy).HasMaxLength(256);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.PlanRowId, p.Term }).IsUnique();
        builder.HasOne<PlanRow>().WithMany().HasForeignKey(p => p.PlanRowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(p => p.ReportedByUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
