using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RetentionAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Payments_ClientId_CreatedAt",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_ClassBookings_ClientId_ClassAt",
                table: "ClassBookings");

            migrationBuilder.CreateTable(
                name: "RetentionRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: true),
                    Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    RiskScore = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionAlerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: true),
                    RuleName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RiskScore = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AssignedToId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<string>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ClosingNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosedAutomatically = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Facts_Counted = table.Column<int>(type: "INTEGER", nullable: true),
                    Facts_Days = table.Column<int>(type: "INTEGER", nullable: false),
                    Facts_EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Facts_JoinedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Facts_LastVisitAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Facts_OutOf = table.Column<int>(type: "INTEGER", nullable: true),
                    Facts_PaymentAmount = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    Facts_PaymentFailedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Facts_Threshold = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionAlerts_AspNetUsers_AssignedToId",
                        column: x => x.AssignedToId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RetentionAlerts_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RetentionAlerts_RetentionRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "RetentionRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "AlertActivity",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StaffId = table.Column<string>(type: "TEXT", nullable: true),
                    StaffName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FromRisk = table.Column<int>(type: "INTEGER", nullable: true),
                    ToRisk = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertActivity", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertActivity_RetentionAlerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "RetentionAlerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ClientId_CreatedAt_Status",
                table: "Payments",
                columns: new[] { "ClientId", "CreatedAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ClassBookings_ClientId_ClassAt_Status",
                table: "ClassBookings",
                columns: new[] { "ClientId", "ClassAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertActivity_AlertId_At",
                table: "AlertActivity",
                columns: new[] { "AlertId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionAlerts_AssignedToId",
                table: "RetentionAlerts",
                column: "AssignedToId");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionAlerts_ClientId_Type",
                table: "RetentionAlerts",
                columns: new[] { "ClientId", "Type" },
                unique: true,
                filter: "\"Status\" IN ('OPEN', 'IN_PROGRESS')");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionAlerts_ClientId_Type_ClosedAt",
                table: "RetentionAlerts",
                columns: new[] { "ClientId", "Type", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionAlerts_RuleId",
                table: "RetentionAlerts",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionAlerts_Status_RiskScore",
                table: "RetentionAlerts",
                columns: new[] { "Status", "RiskScore" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRules_Name",
                table: "RetentionRules",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRules_Type_IsActive",
                table: "RetentionRules",
                columns: new[] { "Type", "IsActive" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertActivity");

            migrationBuilder.DropTable(
                name: "RetentionAlerts");

            migrationBuilder.DropTable(
                name: "RetentionRules");

            migrationBuilder.DropIndex(
                name: "IX_Payments_ClientId_CreatedAt_Status",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_ClassBookings_ClientId_ClassAt_Status",
                table: "ClassBookings");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ClientId_CreatedAt",
                table: "Payments",
                columns: new[] { "ClientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClassBookings_ClientId_ClassAt",
                table: "ClassBookings",
                columns: new[] { "ClientId", "ClassAt" });
        }
    }
}
