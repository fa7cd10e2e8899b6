using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StageChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StageChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromStage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ToStage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageChanges_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_At",
                table: "StageChanges",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_ClientId_At",
                table: "StageChanges",
                columns: new[] { "ClientId", "At" });

            // The history starts now: each existing client at its current stage. Before this moment it is unknown.
            migrationBuilder.Sql(
                """
                INSERT INTO "StageChanges" ("ClientId", "FromStage", "ToStage", "At")
                SELECT "Id", NULL, "Stage", strftime('%Y-%m-%d %H:%M:%f', 'now') FROM "Clients";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StageChanges");
        }
    }
}
