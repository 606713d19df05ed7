using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Data.Improvement;

/// <summary>The longest texts the improvement tables keep.</summary>
public static class ImprovementLimits
{
    /// <summary>A gap's cause.</summary>
    public const int Cause = 2000;

    /// <summary>A reference's label, a province's name, a source.</summary>
    public const int Label = 400;
}

internal sealed class GapCauseConfiguration : IEntityTypeConfiguration<GapCause>
{
    public void Configure(EntityTypeBuilder<GapCause> builder)
    {
        builder.ToTable("gap_causes");
        builder.Property(c => c.Indicator).HasMaxLength(32);
        builder.Property(c => c.Text).HasMaxLength(ImprovementLimits.Cause);
        builder.Property(c => c.UpdatedBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.PeriodId, c.UnitId, c.Indicator }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(c => c.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PeriodReferenceConfiguration : IEntityTypeConfiguration<PeriodReference>
{
    public void Configure(EntityTypeBuilder<PeriodReference> builder)
    {
        builder.ToTable("period_references");
        builder.Property(r => r.Indicator).HasMaxLength(32);
        builder.Property(r => r.Label).HasMaxLength(ImprovementLimits.Label);
        builder.Property(r => r.Measure).HasPrecision(28, 8);
        builder.Property(r => r.ImportedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.PeriodId, r.Indicator, r.Label }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NationalResultConfiguration : IEntityTypeConfiguration<NationalResult>
{
    public void Configure(EntityTypeBuilder<NationalResult> builder)
    {
        builder.ToTable("national_results");
        builder.Property(r => r.FrameworkCode).HasMaxLength(64);
        builder.Property(r => r.Province).HasMaxLength(ImprovementLimits.Label);
        builder.Property(r => r.Source).HasMaxLength(ImprovementLimits.Label);
        builder.Property(r => r.Total).HasPrecision(28, 8);
        builder.Property(r => r.RecordedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.Year, r.Province }).IsUnique();
        builder.HasMany(r => r.MainIndices).WithOne().HasForeignKey(m => m.NationalResultId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NationalMainIndexResultConfiguration : IEntityTypeConfiguration<NationalMainIndexResult>
{
    public void Configure(EntityTypeBuilder<NationalMainIndexResult> builder)
    {
        builder.ToTable("national_main_index_results");
        builder.Property(m => m.MainIndex).HasMaxLength(32);
        builder.Property(m => m.Points).HasPrecision(28, 8);
        builder.HasIndex(m => new { m.NationalResultId, m.MainIndex }).IsUnique();
    }
}
