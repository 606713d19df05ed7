using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDti.Data.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Indicator).HasMaxLength(32);
        builder.Property(a => a.Input).HasMaxLength(64);
        builder.Property(a => a.OldValue).HasMaxLength(200);
        builder.Property(a => a.NewValue).HasMaxLength(200);
        builder.Property(a => a.Reason).HasMaxLength(1000);
        builder.Property(a => a.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(a => new { a.PeriodId, a.UnitId, a.Indicator });
    }
}
