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

internal sealed class CrosswalkRecordConfiguration : IEntityTypeConfiguration<CrosswalkRecord>
{
    public void Configure(EntityTypeBuilder<CrosswalkRecord> builder)
    {
        builder.ToTable("crosswalks");
        builder.Property(c => c.ConfirmedBy).HasMaxLength(256);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.FromFrameworkId, c.ToFrameworkId }).IsUnique();
        builder.HasOne<FrameworkRecord>().WithMany().HasForeignKey(c => c.FromFrameworkId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<FrameworkRecord>().WithMany().HasForeignKey(c => c.ToFrameworkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Links).WithOne().HasForeignKey(l => l.CrosswalkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrosswalkLinkRecordConfiguration : IEntityTypeConfiguration<CrosswalkLinkRecord>
{
    public void Configure(EntityTypeBuilder<CrosswalkLinkRecord> builder)
    {
        builder.ToTable("crosswalk_links");
        builder.Property(l => l.From).HasMaxLength(32);
        builder.Property(l => l.To).HasMaxLength(32);
        builder.Property(l => l.Kind).HasMaxLength(16);
        builder.HasIndex(l => new { l.CrosswalkId, l.Position }).IsUnique();
    }
}
