using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeadScoreChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LeadScoreChecks",
                columns: table => new
                {
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rules = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadScoreChecks", x => x.ClientId);
                    table.ForeignKey(
                        name: "FK_LeadScoreChecks_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // A lead's check holds until its history changes: any event, decayed week, ledger line or score of the lead
            // added, changed or deleted, whatever writes it, makes the database forget it, and the next recalculation
            // replays the lead. An update forgets the check of the row's lead, and of its new lead when it moves: one
            // trigger with "IN (OLD, NEW)" cost 6 times as much per row (a list per row), felt when a rule's points
            // change and every ledger line is updated.
            migrationBuilder.Sql("""
                CREATE TRIGGER "ClientEvents_ScoreCheck_Insert" AFTER INSERT ON "ClientEvents" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ClientEvents_ScoreCheck_Delete" AFTER DELETE ON "ClientEvents" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ClientEvents_ScoreCheck_Update" AFTER UPDATE ON "ClientEvents" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ClientEvents_ScoreCheck_Move" AFTER UPDATE OF "ClientId" ON "ClientEvents" WHEN NEW."ClientId" IS NOT OLD."ClientId" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ScoreDecays_ScoreCheck_Insert" AFTER INSERT ON "ScoreDecays" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ScoreDecays_ScoreCheck_Delete" AFTER DELETE ON "ScoreDecays" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ScoreDecays_ScoreCheck_Update" AFTER UPDATE ON "ScoreDecays" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ScoreDecays_ScoreCheck_Move" AFTER UPDATE OF "ClientId" ON "ScoreDecays" WHEN NEW."ClientId" IS NOT OLD."ClientId" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ScoreEntries_ScoreCheck_Insert" AFTER INSERT ON "ScoreEntries" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ScoreEntries_ScoreCheck_Delete" AFTER DELETE ON "ScoreEntries" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ScoreEntries_ScoreCheck_Update" AFTER UPDATE ON "ScoreEntries" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "ScoreEntries_ScoreCheck_Move" AFTER UPDATE OF "ClientId" ON "ScoreEntries" WHEN NEW."ClientId" IS NOT OLD."ClientId" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LeadScores_ScoreCheck_Insert" AFTER INSERT ON "LeadScores" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LeadScores_ScoreCheck_Delete" AFTER DELETE ON "LeadScores" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LeadScores_ScoreCheck_Update" AFTER UPDATE ON "LeadScores" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = OLD."ClientId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LeadScores_ScoreCheck_Move" AFTER UPDATE OF "ClientId" ON "LeadScores" WHEN NEW."ClientId" IS NOT OLD."ClientId" BEGIN
                    DELETE FROM "LeadScoreChecks" WHERE "ClientId" = NEW."ClientId";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "ClientEvents_ScoreCheck_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "ClientEvents_ScoreCheck_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "ClientEvents_ScoreCheck_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "ClientEvents_ScoreCheck_Move";""");
            migrationBuilder.Sql("""DROP TRIGGER "ScoreDecays_ScoreCheck_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "ScoreDecays_ScoreCheck_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "ScoreDecays_ScoreCheck_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "ScoreDecays_ScoreCheck_Move";""");
            migrationBuilder.Sql("""DROP TRIGGER "ScoreEntries_ScoreCheck_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "ScoreEntries_ScoreCheck_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "ScoreEntries_ScoreCheck_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "ScoreEntries_ScoreCheck_Move";""");
            migrationBuilder.Sql("""DROP TRIGGER "LeadScores_ScoreCheck_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "LeadScores_ScoreCheck_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "LeadScores_ScoreCheck_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "LeadScores_ScoreCheck_Move";""");
            migrationBuilder.DropTable(
                name: "LeadScoreChecks");
        }
    }
}
