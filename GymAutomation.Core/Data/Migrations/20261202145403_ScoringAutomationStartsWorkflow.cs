using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScoringAutomationStartsWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WorkflowId",
                table: "ScoringAutomations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoringAutomations_WorkflowId",
                table: "ScoringAutomations",
                column: "WorkflowId");

            migrationBuilder.AddForeignKey(
                name: "FK_ScoringAutomations_EmailWorkflows_WorkflowId",
                table: "ScoringAutomations",
                column: "WorkflowId",
                principalTable: "EmailWorkflows",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ScoringAutomations_EmailWorkflows_WorkflowId",
                table: "ScoringAutomations");

            migrationBuilder.DropIndex(
                name: "IX_ScoringAutomations_WorkflowId",
                table: "ScoringAutomations");

            migrationBuilder.DropColumn(
                name: "WorkflowId",
                table: "ScoringAutomations");
        }
    }
}
