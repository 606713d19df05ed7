using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDti.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TwoLevel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "NewParentId",
                table: "unit_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OldParentId",
                table: "unit_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MergerRule",
                table: "periods",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Mean");

            migrationBuilder.CreateIndex(
                name: "IX_unit_events_NewParentId",
                table: "unit_events",
                column: "NewParentId");

            migrationBuilder.CreateIndex(
                name: "IX_unit_events_OldParentId",
                table: "unit_events",
                column: "OldParentId");

            migrationBuilder.AddForeignKey(
                name: "FK_unit_events_units_NewParentId",
                table: "unit_events",
                column: "NewParentId",
                principalTable: "units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_unit_events_units_OldParentId",
                table: "unit_events",
                column: "OldParentId",
                principalTable: "units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_unit_events_units_NewParentId",
                table: "unit_events");

            migrationBuilder.DropForeignKey(
                name: "FK_unit_events_units_OldParentId",
                table: "unit_events");

            migrationBuilder.DropIndex(
                name: "IX_unit_events_NewParentId",
                table: "unit_events");

            migrationBuilder.DropIndex(
                name: "IX_unit_events_OldParentId",
                table: "unit_events");

            migrationBuilder.DropColumn(
                name: "NewParentId",
                table: "unit_events");

            migrationBuilder.DropColumn(
                name: "OldParentId",
                table: "unit_events");

            migrationBuilder.DropColumn(
                name: "MergerRule",
                table: "periods");
        }
    }
}
