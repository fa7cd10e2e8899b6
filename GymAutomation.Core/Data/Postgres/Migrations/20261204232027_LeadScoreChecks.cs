using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
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
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    Rules = table.Column<long>(type: "bigint", nullable: false)
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
            // replays the lead. Statement triggers over the transition tables: a statement of many rows is one delete.
            migrationBuilder.Sql("""
                CREATE FUNCTION "LeadScoreChecks_Forget"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        DELETE FROM "LeadScoreChecks" WHERE "ClientId" IN (SELECT "ClientId" FROM "NewRows");
                    END IF;
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        DELETE FROM "LeadScoreChecks" WHERE "ClientId" IN (SELECT "ClientId" FROM "OldRows");
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "ClientEvents_ScoreCheck_Insert" AFTER INSERT ON "ClientEvents"
                    REFERENCING NEW TABLE AS "NewRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "ClientEvents_ScoreCheck_Delete" AFTER DELETE ON "ClientEvents"
                    REFERENCING OLD TABLE AS "OldRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "ClientEvents_ScoreCheck_Update" AFTER UPDATE ON "ClientEvents"
                    REFERENCING OLD TABLE AS "OldRows" NEW TABLE AS "NewRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "ScoreDecays_ScoreCheck_Insert" AFTER INSERT ON "ScoreDecays"
                    REFERENCING NEW TABLE AS "NewRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "ScoreDecays_ScoreCheck_Delete" AFTER DELETE ON "ScoreDecays"
                    REFERENCING OLD TABLE AS "OldRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "ScoreDecays_ScoreCheck_Update" AFTER UPDATE ON "ScoreDecays"
                    REFERENCING OLD TABLE AS "OldRows" NEW TABLE AS "NewRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "ScoreEntries_ScoreCheck_Insert" AFTER INSERT ON "ScoreEntries"
                    REFERENCING NEW TABLE AS "NewRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "ScoreEntries_ScoreCheck_Delete" AFTER DELETE ON "ScoreEntries"
                    REFERENCING OLD TABLE AS "OldRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "ScoreEntries_ScoreCheck_Update" AFTER UPDATE ON "ScoreEntries"
                    REFERENCING OLD TABLE AS "OldRows" NEW TABLE AS "NewRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "LeadScores_ScoreCheck_Insert" AFTER INSERT ON "LeadScores"
                    REFERENCING NEW TABLE AS "NewRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "LeadScores_ScoreCheck_Delete" AFTER DELETE ON "LeadScores"
                    REFERENCING OLD TABLE AS "OldRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                CREATE TRIGGER "LeadScores_ScoreCheck_Update" AFTER UPDATE ON "LeadScores"
                    REFERENCING OLD TABLE AS "OldRows" NEW TABLE AS "NewRows" FOR EACH STATEMENT EXECUTE FUNCTION "LeadScoreChecks_Forget"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "ClientEvents_ScoreCheck_Insert" ON "ClientEvents";
                DROP TRIGGER "ClientEvents_ScoreCheck_Delete" ON "ClientEvents";
                DROP TRIGGER "ClientEvents_ScoreCheck_Update" ON "ClientEvents";
                DROP TRIGGER "ScoreDecays_ScoreCheck_Insert" ON "ScoreDecays";
                DROP TRIGGER "ScoreDecays_ScoreCheck_Delete" ON "ScoreDecays";
                DROP TRIGGER "ScoreDecays_ScoreCheck_Update" ON "ScoreDecays";
                DROP TRIGGER "ScoreEntries_ScoreCheck_Insert" ON "ScoreEntries";
                DROP TRIGGER "ScoreEntries_ScoreCheck_Delete" ON "ScoreEntries";
                DROP TRIGGER "ScoreEntries_ScoreCheck_Update" ON "ScoreEntries";
                DROP TRIGGER "LeadScores_ScoreCheck_Insert" ON "LeadScores";
                DROP TRIGGER "LeadScores_ScoreCheck_Delete" ON "LeadScores";
                DROP TRIGGER "LeadScores_ScoreCheck_Update" ON "LeadScores";
                DROP FUNCTION "LeadScoreChecks_Forget"();
                """);
            migrationBuilder.DropTable(
                name: "LeadScoreChecks");
        }
    }
}
