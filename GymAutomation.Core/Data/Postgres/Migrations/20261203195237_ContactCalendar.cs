using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "MovedFromDueAt",
                table: "WorkflowEnrolments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Purpose",
                table: "EmailWorkflows",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "Service");

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "EmailSends",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MovedBecause",
                table: "EmailSends",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ContactCaps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    MaxPerDay = table.Column<int>(type: "integer", nullable: false),
                    MaxPerWeek = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactCaps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuietDays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
