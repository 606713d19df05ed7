using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDti.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddAuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "UnitId",
                table: "audit_entries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<int>(
                name: "PeriodId",
                table: "audit_entries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<string>(
                name: "Input",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "Indicator",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "audit_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Subject",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "appeal_indicators",
                columns: table => new
                {
                    AppealId = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Pending = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appeal_indicators", x => new { x.AppealId, x.Indicator });
                    table.ForeignKey(
                        name: "FK_appeal_indicators_appeals_AppealId",
                        column: x => x.AppealId,
                        principalTable: "appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });


            // Entries written before the chain: their kind from their input, and their place in the chain in the
            // order they were written; their hashes are added at the next start (AuditChain.SealEarlierEntriesAsync).
            migrationBuilder.Sql("""UPDATE audit_entries SET "Kind" = CASE WHEN "Input" = '#evidence' THEN 'Evidence' ELSE 'Value' END;""");
            migrationBuilder.Sql("""UPDATE audit_entries SET "Sequence" = (SELECT COUNT(*) FROM audit_entries AS b WHERE b."Id" <= audit_entries."Id");""");

            // The indicators of appeals filed before: pending ones claim their indicator, the earliest appeal first.
            migrationBuilder.Sql("""
INSERT INTO appeal_indicators ("AppealId", "Indicator", "PeriodId", "UnitId", "Pending")
WITH RECURSIVE split(id, p, u, pending, item, rest) AS (
    SELECT "Id", "PeriodId", "UnitId", "State" = 'Pending', '', "Indicators" || ',' FROM appeals
    UNION ALL
    SELECT id, p, u, pending, trim(substr(rest, 1, instr(rest, ',') - 1)), substr(rest, instr(rest, ',') + 1) FROM split WHERE rest <> ''
)
SELECT DISTINCT id, item, p, u, pending FROM split WHERE item <> '';
""");
            migrationBuilder.Sql("""
UPDATE appeal_indicators SET "Pending" = 0
WHERE "Pending" AND EXISTS (
    SELECT 1 FROM appeal_indicators AS b
    WHERE b."Pending" AND b."PeriodId" = appeal_indicators."PeriodId" AND b."UnitId" = appeal_indicators."UnitId"
        AND b."Indicator" = appeal_indicators."Indicator" AND b."AppealId" < appeal_indicators."AppealId");
""");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Kind_At",
                table: "audit_entries",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Sequence",
                table: "audit_entries",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_UserName_At",
                table: "audit_entries",
                columns: new[] { "UserName", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_appeal_indicators_pending",
                table: "appeal_indicators",
                columns: new[] { "PeriodId", "UnitId", "Indicator" },
                unique: true,
                filter: "\"Pending\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appeal_indicators");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Kind_At",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_Sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_UserName_At",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "audit_entries");

            migrationBuilder.AlterColumn<int>(
                name: "UnitId",
                table: "audit_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "PeriodId",
                table: "audit_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Input",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Indicator",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32,
                oldNullable: true);
        }
    }
}
