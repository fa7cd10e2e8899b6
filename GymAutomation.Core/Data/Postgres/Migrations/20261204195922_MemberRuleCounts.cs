using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
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
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false),
                    Take = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    AsOf = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Recent = table.Column<int>(type: "integer", nullable: false),
                    Earlier = table.Column<int>(type: "integer", nullable: false),
                    Cancelled = table.Column<int>(type: "integer", nullable: false)
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

            // A member's kept counts hold until their visits or bookings change: the function that forgets their kept
            // baseline when a visit is added, corrected or deleted now forgets their counts too, and bookings get their own.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION "Visits_Baseline_Forget"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        DELETE FROM "MemberBaselines" WHERE "ClientId" IN (SELECT "ClientId" FROM "NewVisits");
                        DELETE FROM "MemberRuleCounts" WHERE "ClientId" IN (SELECT "ClientId" FROM "NewVisits");
                    END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        DELETE FROM "MemberBaselines" WHERE "ClientId" IN (SELECT "ClientId" FROM "OldVisits");
                        DELETE FROM "MemberRuleCounts" WHERE "ClientId" IN (SELECT "ClientId" FROM "OldVisits");
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE FUNCTION "ClassBookings_Forget"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        DELETE FROM "MemberRuleCounts" WHERE "ClientId" IN (SELECT "ClientId" FROM "NewBookings");
                    END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        DELETE FROM "MemberRuleCounts" WHERE "ClientId" IN (SELECT "ClientId" FROM "OldBookings");
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "ClassBookings_Forget_Insert" AFTER INSERT ON "ClassBookings"
                    REFERENCING NEW TABLE AS "NewBookings" FOR EACH STATEMENT EXECUTE FUNCTION "ClassBookings_Forget"();
                CREATE TRIGGER "ClassBookings_Forget_Delete" AFTER DELETE ON "ClassBookings"
                    REFERENCING OLD TABLE AS "OldBookings" FOR EACH STATEMENT EXECUTE FUNCTION "ClassBookings_Forget"();
                CREATE TRIGGER "ClassBookings_Forget_Update" AFTER UPDATE ON "ClassBookings"
                    REFERENCING OLD TABLE AS "OldBookings" NEW TABLE AS "NewBookings" FOR EACH STATEMENT EXECUTE FUNCTION "ClassBookings_Forget"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "ClassBookings_Forget_Insert" ON "ClassBookings";
                DROP TRIGGER "ClassBookings_Forget_Delete" ON "ClassBookings";
                DROP TRIGGER "ClassBookings_Forget_Update" ON "ClassBookings";
                DROP FUNCTION "ClassBookings_Forget"();
                CREATE OR REPLACE FUNCTION "Visits_Baseline_Forget"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        DELETE FROM "MemberBaselines" WHERE "ClientId" IN (SELECT "ClientId" FROM "NewVisits");
                    END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        DELETE FROM "MemberBaselines" WHERE "ClientId" IN (SELECT "ClientId" FROM "OldVisits");
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.DropTable(
                name: "MemberRuleCounts");
        }
    }
}
