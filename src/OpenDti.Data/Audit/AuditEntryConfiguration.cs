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
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Subject).HasMaxLength(AuditLimits.Subject);
        builder.Property(a => a.Indicator).HasMaxLength(32);
        builder.Property(a => a.Input).HasMaxLength(64);
        builder.Property(a => a.OldValue).HasMaxLength(AuditLimits.Value);
        builder.Property(a => a.NewValue).HasMaxLength(AuditLimits.Value);
        builder.Property(a => a.Reason).HasMaxLength(AuditLimits.Reason);
        builder.Property(a => a.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => new { a.PeriodId, a.UnitId, a.Indicator });
        builder.HasIndex(a => new { a.Kind, a.At });
        builder.HasIndex(a => new { a.UserName, a.At });
        builder.HasIndex(a => a.At);
    }
}

/// <summary>The longest texts an audit entry keeps; longer ones are cut with "…" by <see cref="AuditLimits.Fit"/>.</summary>
public static class AuditLimits
{
    /// <summary>Subject.</summary>
    public const int Subject = 256;

    /// <summary>Old and new values.</summary>
    public const int Value = 1000;

    /// <summary>Reason.</summary>
    public const int Reason = 1000;

    /// <summary><paramref name="text"/> cut to <paramref name="length"/> characters with a final "…" when longer.</summary>
    public static string? Fit(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
