using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDti.Data.Units;

namespace OpenDti.Data.Periods;

internal sealed class PeriodConfiguration : IEntityTypeConfiguration<Period>
{
    public void Configure(EntityTypeBuilder<Period> builder)
    {
        builder.ToTable("periods");
        builder.Property(p => p.Name).HasMaxLength(400);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.UnfinishedRanking).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.UnfinishedPoints).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.MergerRule).HasConversion<string>().HasMaxLength(16);
        builder.HasOne(p => p.Framework).WithMany().HasForeignKey(p => p.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PeriodUnitConfiguration : IEntityTypeConfiguration<PeriodUnit>
{
    public void Configure(EntityTypeBuilder<PeriodUnit> builder)
    {
        builder.ToTable("period_units");
        builder.HasKey(u => new { u.PeriodId, u.UnitId });
        builder.Property(u => u.UnitCode).HasMaxLength(64);
        builder.Property(u => u.UnitName).HasMaxLength(400);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
