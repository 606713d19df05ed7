using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenDti.Data.Periods;
using OpenDti.Data.Review;
using OpenDti.Data.Units;

namespace OpenDti.Data.Evidence;

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    /// <summary>The unique index of an indicator's live files by content.</summary>
    public const string UniqueLiveFileIndex = "IX_evidence_files_live_file";

    /// <summary>The unique index of an appeal's live files by content.</summary>
    public const string UniqueAppealFileIndex = "IX_evidence_files_appeal_file";

    /// <summary>The index that keeps one copy of a file per progress report.</summary>
    public const string UniqueProgressFileIndex = "IX_evidence_files_progress_file";

    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.ToTable("evidence_files");
        builder.Property(e => e.Indicator).HasMaxLength(32);
        builder.Property(e => e.FileName).HasMaxLength(EvidenceLimits.FileName);
        builder.Property(e => e.ContentType).HasMaxLength(128);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.DocumentNumber).HasMaxLength(EvidenceLimits.DocumentNumber);
        builder.Property(e => e.Summary).HasMaxLength(EvidenceLimits.Summary);
        builder.Property(e => e.UploadedBy).HasMaxLength(256);
        builder.Property(e => e.DeletedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.PeriodId, e.UnitId, e.Indicator });

        // One copy of a file per indicator of a unit, and per indicator of an appeal, among the files not
        // deleted: the database refuses the second of two simultaneous uploads. The filters are written so
        // that SQLite and PostgreSQL both read them (quoted identifiers, IS NULL).
        builder.HasIndex(e => new { e.PeriodId, e.UnitId, e.Indicator, e.Sha256 })
            .IsUnique()
            .HasFilter("\"DeletedAt\" IS NULL AND \"AppealId\" IS NULL AND \"ProgressId\" IS NULL")
            .HasDatabaseName(UniqueLiveFileIndex);
        builder.HasIndex(e => new { e.AppealId, e.Indicator, e.Sha256 })
            .IsUnique()
            .HasFilter("\"DeletedAt\" IS NULL AND \"AppealId\" IS NOT NULL")
            .HasDatabaseName(UniqueAppealFileIndex);
        builder.HasIndex(e => new { e.ProgressId, e.Sha256 })
            .IsUnique()
            .HasFilter("\"DeletedAt\" IS NULL AND \"ProgressId\" IS NOT NULL")
            .HasDatabaseName(UniqueProgressFileIndex);
        builder.HasOne<Period>().WithMany().HasForeignKey(e => e.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Appeal>().WithMany().HasForeignKey(e => e.AppealId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Plans.PlanProgress>().WithMany().HasForeignKey(e => e.ProgressId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Content).WithOne().HasForeignKey<EvidenceContent>(c => c.EvidenceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceContentConfiguration : IEntityTypeConfiguration<EvidenceContent>
{
    public void Configure(EntityTypeBuilder<EvidenceContent> builder)
    {
        builder.ToTable("evidence_contents");
        builder.HasKey(c => c.EvidenceId);
        builder.Property(c => c.EvidenceId).ValueGeneratedNever();
    }
}
