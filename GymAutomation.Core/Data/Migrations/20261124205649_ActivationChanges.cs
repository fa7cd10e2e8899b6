using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActivationChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivationChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WorkflowId = table.Column<int>(type: "INTEGER", nullable: true),
                    ScoringRuleId = table.Column<int>(type: "INTEGER", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivationChanges", x => x.Id);
                    table.CheckConstraint("CK_ActivationChanges_OneSubject", "(\"WorkflowId\" IS NULL) <> (\"ScoringRuleId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_ActivationChanges_EmailWorkflows_WorkflowId",
                        column: x => x.WorkflowId,
                        principalTable: "EmailWorkflows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActivationChanges_ScoringRules_ScoringRuleId",
                        column: x => x.ScoringRuleId,
                        principalTable: "ScoringRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivationChanges_ScoringRuleId_At",
                table: "ActivationChanges",
                columns: new[] { "ScoringRuleId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivationChanges_WorkflowId_At",
                table: "ActivationChanges",
                columns: new[] { "WorkflowId", "At" });

            // The history starts now: each existing workflow and rule in its current state. Before this moment it is unknown.
            migrationBuilder.Sql(
                """
                INSERT INTO "ActivationChanges" ("WorkflowId", "ScoringRuleId", "Active", "At")
                SELECT "Id", NULL, "IsActive", strftime('%Y-%m-%d %H:%M:%f', 'now') FROM "EmailWorkflows";
                INSERT INTO "ActivationChanges" ("WorkflowId", "ScoringRuleId", "Active", "At")
                SELECT NULL, "Id", "IsActive", strftime('%Y-%m-%d %H:%M:%f', 'now') FROM "ScoringRules";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivationChanges");
        }
    }
}
