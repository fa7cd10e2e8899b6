using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EnrolmentEndings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Ending",
                table: "WorkflowEnrolments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);
            migrationBuilder.Sql(GymAutomation.Core.Data.Migrations.EnrolmentEndingsBackfill.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(GymAutomation.Core.Data.Migrations.EnrolmentEndingsBackfill.Down);
            migrationBuilder.DropColumn(
                name: "Ending",
                table: "WorkflowEnrolments");
        }
    }
}
