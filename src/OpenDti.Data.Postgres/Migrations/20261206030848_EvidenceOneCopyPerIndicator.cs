using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDti.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EvidenceOneCopyPerIndicator : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Copies stored before the index existed (simultaneous uploads of one file) would stop it from
            // being created: every copy but the first is marked deleted, as a person deleting it would
            // leave it. The rows and their bytes stay for inspection. The same SQL runs on SQLite and
            // PostgreSQL; keep it when this migration is generated again.
            migrationBuilder.Sql(
                """
                UPDATE evidence_files SET "DeletedAt" = CURRENT_TIMESTAMP, "DeletedBy" = 'migration: duplicate'
                WHERE "DeletedAt" IS NULL AND EXISTS (
                    SELECT 1 FROM evidence_files AS first
                    WHERE first."DeletedAt" IS NULL AND first."Id" < evidence_files."Id"
                      AND first."Indicator" = evidence_files."Indicator" AND first."Sha256" = evidence_files."Sha256"
                      AND ((evidence_files."AppealId" IS NULL AND first."AppealId" IS NULL
                            AND first."PeriodId" = evidence_files."PeriodId" AND first."UnitId" = evidence_files."UnitId")
                        OR first."AppealId" = evidence_files."AppealId"));
                """);

            migrationBuilder.DropIndex(
                name: "IX_evidence_files_AppealId",
                table: "evidence_files");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_appeal_file",
                table: "evidence_files",
                columns: new[] { "AppealId", "Indicator", "Sha256" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL AND \"AppealId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_live_file",
                table: "evidence_files",
                columns: new[] { "PeriodId", "UnitId", "Indicator", "Sha256" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL AND \"AppealId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_evidence_files_appeal_file",
                table: "evidence_files");

            migrationBuilder.DropIndex(
                name: "IX_evidence_files_live_file",
                table: "evidence_files");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_AppealId",
                table: "evidence_files",
                column: "AppealId");
        }
    }
}
