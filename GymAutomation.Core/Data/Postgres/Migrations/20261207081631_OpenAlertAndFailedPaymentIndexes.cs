using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OpenAlertAndFailedPaymentIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RetentionAlerts_Type_RuleId_RiskScore_ClientId",
                table: "RetentionAlerts",
                columns: new[] { "Type", "RuleId", "RiskScore", "ClientId" },
                filter: "\"Status\" IN ('OPEN', 'IN_PROGRESS')");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_CreatedAt_Failed",
                table: "Payments",
                column: "CreatedAt",
                filter: "\"Status\" = 'Failed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RetentionAlerts_Type_RuleId_RiskScore_ClientId",
                table: "RetentionAlerts");

            migrationBuilder.DropIndex(
                name: "IX_Payments_CreatedAt_Failed",
                table: "Payments");
        }
    }
}
