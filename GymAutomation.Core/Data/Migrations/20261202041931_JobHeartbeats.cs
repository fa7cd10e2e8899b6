using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class JobHeartbeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastHeartbeatAt",
                table: "JobRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Machine",
                table: "JobRuns",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProcessId",
                table: "JobRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProcessStartedAt",
                table: "JobRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RunId",
                table: "JobLeases",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastHeartbeatAt",
                table: "JobRuns");

            migrationBuilder.DropColumn(
                name: "Machine",
                table: "JobRuns");

            migrationBuilder.DropColumn(
                name: "ProcessId",
                table: "JobRuns");

            migrationBuilder.DropColumn(
                name: "ProcessStartedAt",
                table: "JobRuns");

            migrationBuilder.DropColumn(
                name: "RunId",
                table: "JobLeases");
        }
    }
}
