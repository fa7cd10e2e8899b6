using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class MemberRuleCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberRuleCounts",
                columns: table => new
                {
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    Take = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AsOf = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Recent = table.Column<int>(type: "INTEGER", nullable: false),
                    Earlier = table.Column<int>(type: "INTEGER", nullable: false),
                    Cancelled = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberRuleCounts", x => new { x.ClientId, x.Type, x.Days, x.Take });
                    table.ForeignKey(
                        name: "FK_MemberRuleCounts_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MemberRuleCounts_Day",
                table: "MemberRuleCounts",
                column: "Day");

            // A member's kept counts hold until their visits or bookings change: the same triggers that forget their kept
            // baseline when a visit is added, corrected or deleted now forget their counts too, and bookings get their own.
            migrationBuilder.Sql("""DROP TRIGGER "Visits_Baseline_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "Visits_Baseline_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Visits_Baseline_Update";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_Forget_Insert" AFTER INSERT ON "Visits" BEGIN
                    DELETE FROM "MemberBaselines" WHERE "ClientId" = NEW."ClientId";
                    DELETE FROM "MemberRuleCounts" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_Forget_Delete" AFTER DELETE ON "Visits" BEGIN
                    DELETE FROM "MemberBaselines" WHERE "ClientId" = OLD."ClientId";
                    DELETE FROM "MemberRuleCounts" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_Forget_Update" AFTER UPDATE OF "ClientId", "VisitedAt" ON "Visits" BEGIN
                    DELETE FROM "MemberBaselines" WHERE "ClientId" IN (OLD."ClientId", NEW."ClientId");
                    DELETE FROM "MemberRuleCounts" WHERE "ClientId" IN (OLD."ClientId", NEW."ClientId");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ClassBookings_Forget_Insert" AFTER INSERT ON "ClassBookings" BEGIN
                    DELETE FROM "MemberRuleCounts" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ClassBookings_Forget_Delete" AFTER DELETE ON "ClassBookings" BEGIN
                    DELETE FROM "MemberRuleCounts" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ClassBookings_Forget_Update" AFTER UPDATE OF "ClientId", "ClassAt", "Status" ON "ClassBookings" BEGIN
                    DELETE FROM "MemberRuleCounts" WHERE "ClientId" IN (OLD."ClientId", NEW."ClientId");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "Visits_Forget_Insert", "Visits_Forget_Delete", "Visits_Forget_Update", "ClassBookings_Forget_Insert", "ClassBookings_Forget_Delete", "ClassBookings_Forget_Update" })
            {
                migrationBuilder.Sql($"DROP TRIGGER \"{trigger}\";");
            }

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
            migrationBuilder.DropTable(
                name: "MemberRuleCounts");
        }
    }
}
