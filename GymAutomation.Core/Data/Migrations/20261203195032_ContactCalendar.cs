using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ContactCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MovedBecause",
                table: "WorkflowEnrolments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "MovedFromDueAt",
                table: "WorkflowEnrolments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                table: "EmailWorkflows",
                type: "TEXT",
                maxLength: 12,
                nullable: false,
                defaultValue: "Service");

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "EmailSends",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MovedBecause",
                table: "EmailSends",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ContactCaps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPerDay = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPerWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactCaps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuietDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuietDays", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuietDays_Date",
                table: "QuietDays",
                column: "Date",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactCaps");

            migrationBuilder.DropTable(
                name: "QuietDays");

            migrationBuilder.DropColumn(
                name: "MovedBecause",
                table: "WorkflowEnrolments");

            migrationBuilder.DropColumn(
                name: "MovedFromDueAt",
                table: "WorkflowEnrolments");

            migrationBuilder.DropColumn(
                name: "Purpose",
                table: "EmailWorkflows");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "EmailSends");

            migrationBuilder.DropColumn(
                name: "MovedBecause",
                table: "EmailSends");
        }
    }
}
