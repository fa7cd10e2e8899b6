using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
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
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    AsOf = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    UsualGapDays = table.Column<double>(type: "double precision", nullable: true)
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
            // Statement triggers over the transition tables: an import's statement of many visits is one delete.
            migrationBuilder.Sql("""
                CREATE FUNCTION "Visits_Baseline_Forget"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        DELETE FROM "MemberBaselines" WHERE "ClientId" IN (SELECT "ClientId" FROM "NewVisits");
                    END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        DELETE FROM "MemberBaselines" WHERE "ClientId" IN (SELECT "ClientId" FROM "OldVisits");
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Visits_Baseline_Insert" AFTER INSERT ON "Visits"
                    REFERENCING NEW TABLE AS "NewVisits" FOR EACH STATEMENT EXECUTE FUNCTION "Visits_Baseline_Forget"();
                CREATE TRIGGER "Visits_Baseline_Delete" AFTER DELETE ON "Visits"
                    REFERENCING OLD TABLE AS "OldVisits" FOR EACH STATEMENT EXECUTE FUNCTION "Visits_Baseline_Forget"();
                CREATE TRIGGER "Visits_Baseline_Update" AFTER UPDATE ON "Visits"
                    REFERENCING OLD TABLE AS "OldVisits" NEW TABLE AS "NewVisits" FOR EACH STATEMENT EXECUTE FUNCTION "Visits_Baseline_Forget"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Visits_Baseline_Insert" ON "Visits";
                DROP TRIGGER "Visits_Baseline_Delete" ON "Visits";
                DROP TRIGGER "Visits_Baseline_Update" ON "Visits";
                DROP FUNCTION "Visits_Baseline_Forget"();
                """);
            migrationBuilder.DropTable(
                name: "MemberBaselines");
        }
    }
}
