using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenDti.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Crosswalks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "crosswalks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FromFrameworkId = table.Column<int>(type: "integer", nullable: false),
                    ToFrameworkId = table.Column<int>(type: "integer", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crosswalks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crosswalks_frameworks_FromFrameworkId",
                        column: x => x.FromFrameworkId,
                        principalTable: "frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_crosswalks_frameworks_ToFrameworkId",
                        column: x => x.ToFrameworkId,
                        principalTable: "frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "crosswalk_links",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CrosswalkId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    To = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crosswalk_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_crosswalk_links_crosswalks_CrosswalkId",
                        column: x => x.CrosswalkId,
                        principalTable: "crosswalks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_crosswalk_links_CrosswalkId_Position",
                table: "crosswalk_links",
                columns: new[] { "CrosswalkId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_crosswalks_FromFrameworkId_ToFrameworkId",
                table: "crosswalks",
                columns: new[] { "FromFrameworkId", "ToFrameworkId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_crosswalks_ToFrameworkId",
                table: "crosswalks",
                column: "ToFrameworkId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "crosswalk_links");

            migrationBuilder.DropTable(
                name: "crosswalks");
        }
    }
}
