using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDti.Data.Frameworks;

internal sealed class FrameworkRecordConfiguration : IEntityTypeConfiguration<FrameworkRecord>
{
    public void Configure(EntityTypeBuilder<FrameworkRecord> builder)
    {
        builder.ToTable("frameworks");
        builder.Property(f => f.Code).HasMaxLength(64);
        builder.Property(f => f.Name).HasMaxLength(400);
        builder.Property(f => f.CopiedFrom).HasMaxLength(64);
        builder.Property(f => f.ImportedBy).HasMaxLength(256);
        builder.Property(f => f.TotalPoints).HasPrecision(18, 4);
        builder.Property(f => f.Level).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(f => f.Code).IsUnique();
    }
}
