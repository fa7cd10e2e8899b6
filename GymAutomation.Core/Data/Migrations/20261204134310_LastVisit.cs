using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
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
                type: "TEXT",
                nullable: true);

            // Each client's latest visit, kept by the database whatever writes the visits: the desk, the API, the
            // import, a copy, a cascade. A new visit can only move it later; a deleted or moved one is sought again.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_LastVisit_Insert" AFTER INSERT ON "Visits" BEGIN
                    UPDATE "Clients" SET "LastVisitAt" = NEW."VisitedAt"
                    WHERE "Id" = NEW."ClientId" AND ("LastVisitAt" IS NULL OR "LastVisitAt" < NEW."VisitedAt");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_LastVisit_Delete" AFTER DELETE ON "Visits" BEGIN
                    UPDATE "Clients" SET "LastVisitAt" = (SELECT MAX("VisitedAt") FROM "Visits" WHERE "ClientId" = OLD."ClientId")
                    WHERE "Id" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Visits_LastVisit_Update" AFTER UPDATE OF "ClientId", "VisitedAt" ON "Visits" BEGIN
                    UPDATE "Clients" SET "LastVisitAt" = (SELECT MAX("VisitedAt") FROM "Visits" WHERE "ClientId" = "Clients"."Id")
                    WHERE "Id" IN (OLD."ClientId", NEW."ClientId");
                END;
                """);
            migrationBuilder.Sql("""
                UPDATE "Clients" SET "LastVisitAt" = (SELECT MAX("VisitedAt") FROM "Visits" WHERE "ClientId" = "Clients"."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Visits_LastVisit_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "Visits_LastVisit_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Visits_LastVisit_Update";""");
            migrationBuilder.DropColumn(
                name: "LastVisitAt",
                table: "Clients");
        }
    }
}
