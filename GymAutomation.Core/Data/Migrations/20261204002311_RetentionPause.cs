using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RetentionPause : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PausesForRetentionCase",
                table: "EmailWorkflows",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // A campaign is promotional: those saved from the form before were stored as service.
            migrationBuilder.Sql("UPDATE \"EmailWorkflows\" SET \"Purpose\" = 'Promotional' WHERE \"TriggerEvent\" = 'CAMPAIGN'");
            // Promotional workflows (campaigns among them) wait for a retention case by default.
            migrationBuilder.Sql("UPDATE \"EmailWorkflows\" SET \"PausesForRetentionCase\" = 1 WHERE \"Purpose\" = 'Promotional'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PausesForRetentionCase",
                table: "EmailWorkflows");
        }
    }
}
