using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDti.Data.Periods;
using OpenDti.Data.Units;

namespace OpenDti.Data.Review;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.ToTable("submissions");
        builder.HasKey(s => new { s.PeriodId, s.UnitId });
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.ExceptionReason).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<Period>().WithMany().HasForeignKey(s => s.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewEventConfiguration : IEntityTypeConfiguration<ReviewEvent>
{
    public void Configure(EntityTypeBuilder<ReviewEvent> builder)
    {
        builder.ToTable("review_events");
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.FromState).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ToState).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Indicator).HasMaxLength(32);
        builder.Property(e => e.Input).HasMaxLength(64);
        builder.Property(e => e.OldValue).HasMaxLength(1000);
        builder.Property(e => e.NewValue).HasMaxLength(1000);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.HasIndex(e => new { e.PeriodId, e.UnitId });
        builder.HasOne<Period>().WithMany().HasForeignKey(e => e.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewNoteConfiguration : IEntityTypeConfiguration<ReviewNote>
{
    public void Configure(EntityTypeBuilder<ReviewNote> builder)
    {
        builder.ToTable("review_notes");
        builder.Property(n => n.Indicator).HasMaxLength(32);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Text).HasMaxLength(4000);
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.UserName).HasMaxLength(256);
        builder.HasIndex(n => new { n.PeriodId, n.UnitId, n.Indicator });
        builder.HasOne<Period>().WithMany().HasForeignKey(n => n.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(n => n.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ValueAdjustmentConfiguration : IEntityTypeConfiguration<ValueAdjustment>
{
    public void Configure(EntityTypeBuilder<ValueAdjustment> builder)
    {
        builder.ToTable("value_adjustments");
        builder.Property(a => a.Indicator).HasMaxLength(32);
        builder.Property(a => a.Input).HasMaxLength(64);
        builder.Property(a => a.Value).HasMaxLength(200);
        builder.Property(a => a.Reason).HasMaxLength(1000);
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.PeriodId, a.UnitId, a.Indicator, a.Input }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> builder)
    {
        builder.ToTable("publications");
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.UserName).HasMaxLength(256);
        builder.Property(p => p.Reason).HasMaxLength(1000);
        builder.HasIndex(p => new { p.PeriodId, p.Number }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(p => p.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.ToTable("appeals");
        builder.Property(a => a.Indicators).HasMaxLength(1000);
        builder.Property(a => a.Reason).HasMaxLength(4000);
        builder.Property(a => a.FiledBy).HasMaxLength(256);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Decision).HasMaxLength(4000);
        builder.Property(a => a.DecidedBy).HasMaxLength(256);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.PeriodId, a.UnitId });
        builder.HasOne<Period>().WithMany().HasForeignKey(a => a.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppealIndicatorConfiguration : IEntityTypeConfiguration<AppealIndicator>
{
    public void Configure(EntityTypeBuilder<AppealIndicator> builder)
    {
        builder.ToTable("appeal_indicators");
        builder.HasKey(a => new { a.AppealId, a.Indicator });
        builder.Property(a => a.Indicator).HasMaxLength(32);

        // One pending appeal per indicator of a unit. The filter reads the same on SQLite (0/1) and PostgreSQL (boolean).
        builder.HasIndex(a => new { a.PeriodId, a.UnitId, a.Indicator }).IsUnique().HasFilter("\"Pending\"").HasDatabaseName(PendingIndex);
        builder.HasOne<Appeal>().WithMany().HasForeignKey(a => a.AppealId).OnDelete(DeleteBehavior.Cascade);
    }

    /// <summary>The name of the unique index of pending appeals' indicators.</summary>
    public const string PendingIndex = "IX_appeal_indicators_pending";
}

internal sealed class ReminderLogConfiguration : IEntityTypeConfiguration<ReminderLog>
{
    public void Configure(EntityTypeBuilder<ReminderLog> builder)
    {
        builder.ToTable("reminders_sent");
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.HasIndex(r => new { r.PeriodId, r.UserId, r.Kind, r.Day }).IsUnique();
        builder.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Cascade);
    }
}
