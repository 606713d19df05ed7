using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenDti.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Plans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_evidence_files_live_file",
                table: "evidence_files");

            migrationBuilder.AddColumn<bool>(
                name: "NotScored",
                table: "units",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ContributorsCloseOn",
                table: "periods",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProgressId",
                table: "evidence_files",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ActorUnitId",
                table: "audit_entries",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "baseline_results",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PeriodId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Indicator = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Points = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: false),
                    Measure = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_baseline_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_baseline_results_periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_baseline_results_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_rows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PeriodId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Indicator = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GuidingBody = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LeadUnitId = table.Column<int>(type: "integer", nullable: true),
                    Target = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DueText = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Classification = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ClassificationReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_rows_periods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "periods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plan_rows_units_LeadUnitId",
                        column: x => x.LeadUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_plan_rows_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_coordinators",
                columns: table => new
                {
                    PlanRowId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_coordinators", x => new { x.PlanRowId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_plan_coordinators_plan_rows_PlanRowId",
                        column: x => x.PlanRowId,
                        principalTable: "plan_rows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plan_coordinators_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_progress",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanRowId = table.Column<int>(type: "integer", nullable: false),
                    Term = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ReportedByUnitId = table.Column<int>(type: "integer", nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_progress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_plan_progress_plan_rows_PlanRowId",
                        column: x => x.PlanRowId,
                        principalTable: "plan_rows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_plan_progress_units_ReportedByUnitId",
                        column: x => x.ReportedByUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_live_file",
                table: "evidence_files",
                columns: new[] { "PeriodId", "UnitId", "Indicator", "Sha256" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL AND \"AppealId\" IS NULL AND \"ProgressId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_progress_file",
                table: "evidence_files",
                columns: new[] { "ProgressId", "Sha256" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL AND \"ProgressId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_baseline_results_PeriodId_UnitId_Indicator",
                table: "baseline_results",
                columns: new[] { "PeriodId", "UnitId", "Indicator" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_baseline_results_UnitId",
                table: "baseline_results",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_coordinators_UnitId",
                table: "plan_coordinators",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_progress_PlanRowId_Term",
                table: "plan_progress",
                columns: new[] { "PlanRowId", "Term" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_progress_ReportedByUnitId",
                table: "plan_progress",
                column: "ReportedByUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_rows_LeadUnitId",
                table: "plan_rows",
                column: "LeadUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_plan_rows_PeriodId_LeadUnitId",
                table: "plan_rows",
                columns: new[] { "PeriodId", "LeadUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_rows_PeriodId_UnitId_Indicator",
                table: "plan_rows",
                columns: new[] { "PeriodId", "UnitId", "Indicator" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plan_rows_UnitId",
                table: "plan_rows",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_evidence_files_plan_progress_ProgressId",
                table: "evidence_files",
                column: "ProgressId",
                principalTable: "plan_progress",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_evidence_files_plan_progress_ProgressId",
                table: "evidence_files");

            migrationBuilder.DropTable(
                name: "baseline_results");

            migrationBuilder.DropTable(
                name: "plan_coordinators");

            migrationBuilder.DropTable(
                name: "plan_progress");

            migrationBuilder.DropTable(
                name: "plan_rows");

            migrationBuilder.DropIndex(
                name: "IX_evidence_files_live_file",
                table: "evidence_files");

            migrationBuilder.DropIndex(
                name: "IX_evidence_files_progress_file",
                table: "evidence_files");

            migrationBuilder.DropColumn(
                name: "NotScored",
                table: "units");

            migrationBuilder.DropColumn(
                name: "ContributorsCloseOn",
                table: "periods");

            migrationBuilder.DropColumn(
                name: "ProgressId",
                table: "evidence_files");

            migrationBuilder.DropColumn(
                name: "ActorUnitId",
                table: "audit_entries");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_files_live_file",
                table: "evidence_files",
                columns: new[] { "PeriodId", "UnitId", "Indicator", "Sha256" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL AND \"AppealId\" IS NULL");
        }
    }
}
