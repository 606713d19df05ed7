using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Data.Values;

internal sealed class ReportedValueConfiguration : IEntityTypeConfiguration<ReportedValueRecord>
{
    public void Configure(EntityTypeBuilder<ReportedValueRecord> builder)
    {
        builder.ToTable("reported_values");
        builder.Property(v => v.Indicator).HasMaxLength(32);
        builder.Property(v => v.Input).HasMaxLength(64);
        builder.Property(v => v.Value).HasMaxLength(200);
        builder.Property(v => v.UpdatedBy).HasMaxLength(256);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.HasIndex(v => new { v.PeriodId, v.UnitId, v.Indicator, v.Input }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(v => v.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
