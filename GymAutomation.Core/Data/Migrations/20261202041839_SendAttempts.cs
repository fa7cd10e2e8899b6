using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SendAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AttemptStartedAt",
                table: "EmailSends",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "History",
                table: "EmailSends",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            // A claim left by the earlier engine may have been delivered (it marked sends in groups after sending them),
            // and its enrolment has already moved on: staff decide, as for any attempt nobody confirmed.
            migrationBuilder.Sql("UPDATE \"EmailSends\" SET \"Status\" = 'Unconfirmed' WHERE \"Status\" = 'Claimed';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"EmailSends\" SET \"Status\" = 'Claimed' WHERE \"Status\" IN ('Sending', 'Unconfirmed');");

            migrationBuilder.DropColumn(
                name: "AttemptStartedAt",
                table: "EmailSends");

            migrationBuilder.DropColumn(
                name: "History",
                table: "EmailSends");
        }
    }
}
