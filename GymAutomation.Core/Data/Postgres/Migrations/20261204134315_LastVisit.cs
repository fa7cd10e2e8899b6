using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LastVisit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastVisitAt",
                table: "Clients",
                type: "timestamp with time zone",
                nullable: true);

            // Each client's latest visit, kept by the database whatever writes the visits: the desk, the API, the
            // import, a copy, a cascade. Statement triggers over the transition tables: an import's statement of many
            // visits updates each client once, not once per visit.
            migrationBuilder.Sql("""
                CREATE FUNCTION "Visits_LastVisit_Added"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Clients" c SET "LastVisitAt" = n."Last"
                    FROM (SELECT "ClientId", MAX("VisitedAt") AS "Last" FROM "NewVisits" GROUP BY "ClientId") n
                    WHERE c."Id" = n."ClientId" AND (c."LastVisitAt" IS NULL OR c."LastVisitAt" < n."Last");
                    RETURN NULL;
                END $$;
                CREATE FUNCTION "Visits_LastVisit_Removed"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Clients" c SET "LastVisitAt" = (SELECT MAX(v."VisitedAt") FROM "Visits" v WHERE v."ClientId" = c."Id")
                    WHERE c."Id" IN (SELECT "ClientId" FROM "OldVisits");
                    RETURN NULL;
                END $$;
                CREATE FUNCTION "Visits_LastVisit_Changed"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Clients" c SET "LastVisitAt" = (SELECT MAX(v."VisitedAt") FROM "Visits" v WHERE v."ClientId" = c."Id")
                    WHERE c."Id" IN (SELECT "ClientId" FROM "OldVisits" UNION SELECT "ClientId" FROM "NewVisits");
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Visits_LastVisit_Insert" AFTER INSERT ON "Visits"
                    REFERENCING NEW TABLE AS "NewVisits" FOR EACH STATEMENT EXECUTE FUNCTION "Visits_LastVisit_Added"();
                CREATE TRIGGER "Visits_LastVisit_Delete" AFTER DELETE ON "Visits"
                    REFERENCING OLD TABLE AS "OldVisits" FOR EACH STATEMENT EXECUTE FUNCTION "Visits_LastVisit_Removed"();
                CREATE TRIGGER "Visits_LastVisit_Update" AFTER UPDATE ON "Visits"
                    REFERENCING OLD TABLE AS "OldVisits" NEW TABLE AS "NewVisits" FOR EACH STATEMENT EXECUTE FUNCTION "Visits_LastVisit_Changed"();
                UPDATE "Clients" c SET "LastVisitAt" = (SELECT MAX(v."VisitedAt") FROM "Visits" v WHERE v."ClientId" = c."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Visits_LastVisit_Insert" ON "Visits";
                DROP TRIGGER "Visits_LastVisit_Delete" ON "Visits";
                DROP TRIGGER "Visits_LastVisit_Update" ON "Visits";
                DROP FUNCTION "Visits_LastVisit_Added"();
                DROP FUNCTION "Visits_LastVisit_Removed"();
                DROP FUNCTION "Visits_LastVisit_Changed"();
                """);
            migrationBuilder.DropColumn(
                name: "LastVisitAt",
                table: "Clients");
        }
    }
}
