using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MembershipCurrentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_ClientId_EndDate",
                table: "Memberships");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_ClientId_EndDate_Status_StartDate",
                table: "Memberships",
                columns: new[] { "ClientId", "EndDate", "Status", "StartDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Memberships_ClientId_EndDate_Status_StartDate",
                table: "Memberships");

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_ClientId_EndDate",
                table: "Memberships",
                columns: new[] { "ClientId", "EndDate" });
        }
    }
}
