using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WaitSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "DelayDays",
                table: "WorkflowSteps",
                newName: "WaitDays");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 12,
                nullable: false,
                defaultValue: "Email");

            migrationBuilder.Sql(WaitStepsConversion.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(WaitStepsConversion.Down);

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "WorkflowSteps");

            migrationBuilder.RenameColumn(
                name: "WaitDays",
                table: "WorkflowSteps",
                newName: "DelayDays");
        }
    }
}
