using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberBaselines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberBaselines",
                columns: table => new
                {
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    AsOf = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Visits = table.Column<int>(type: "INTEGER", nullable: false),
                    UsualGapDays = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberBaselines", x => x.ClientId);
                    table.ForeignKey(
                        name: "FK_MemberBaselines_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // A member's kept baseline holds until their visits change: any visit added, corrected or deleted, whatever
            // writes it (the desk, the API, the import), makes the database forget it, and the next scan works it out again.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_Baseline_Insert" AFTER INSERT ON "Visits" BEGIN
                    DELETE FROM "MemberBaselines" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_Baseline_Delete" AFTER DELETE ON "Visits" BEGIN
                    DELETE FROM "MemberBaselines" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_Baseline_Update" AFTER UPDATE OF "ClientId", "VisitedAt" ON "Visits" BEGIN
                    DELETE FROM "MemberBaselines" WHERE "ClientId" IN (OLD."ClientId", NEW."ClientId");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Visits_Baseline_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "Visits_Baseline_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Visits_Baseline_Update";""");
            migrationBuilder.DropTable(
                name: "MemberBaselines");
        }
    }
}
