using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDti.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PeriodUnfinishedUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing periods get the defaults (the enums' names, as the columns store them), never an
            // empty string that reads back as no value: keep them when this migration is generated again.
            migrationBuilder.AddColumn<string>(
                name: "UnfinishedPoints",
                table: "periods",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Zero");

            migrationBuilder.AddColumn<string>(
                name: "UnfinishedRanking",
                table: "periods",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "AfterFinalised");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UnfinishedPoints",
                table: "periods");

            migrationBuilder.DropColumn(
                name: "UnfinishedRanking",
                table: "periods");
        }
    }
}
