using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenDti.Data.Units;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.ToTable("units");
        builder.Property(u => u.Code).HasMaxLength(64);
        builder.Property(u => u.Name).HasMaxLength(400);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(u => u.Profile).WithOne().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UnitProfileValueConfiguration : IEntityTypeConfiguration<UnitProfileValue>
{
    public void Configure(EntityTypeBuilder<UnitProfileValue> builder)
    {
        builder.ToTable("unit_profile_values");
        builder.Property(p => p.Key).HasMaxLength(64);
        builder.Property(p => p.Value).HasPrecision(28, 8);
        builder.HasIndex(p => new { p.UnitId, p.Year, p.Key }).IsUnique();
    }
}

internal sealed class UnitEventConfiguration : IEntityTypeConfiguration<UnitEvent>
{
    public void Configure(EntityTypeBuilder<UnitEvent> builder)
    {
        builder.ToTable("unit_events");
        builder.Property(e => e.OldName).HasMaxLength(400);
        builder.Property(e => e.NewName).HasMaxLength(400);
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.Property(e => e.RecordedBy).HasMaxLength(256);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.RelatedUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.OldParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.NewParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.UnitId);
    }
}
