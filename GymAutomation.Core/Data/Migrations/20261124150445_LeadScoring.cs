using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class LeadScoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LeadScores",
                columns: table => new
                {
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    LastReason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadScores", x => x.ClientId);
                    table.ForeignKey(
                        name: "FK_LeadScores_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoreDecays",
                columns: table => new
                {
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Week = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DecayedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreDecays", x => new { x.ClientId, x.Week });
                    table.ForeignKey(
                        name: "FK_ScoreDecays_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoringAutomations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Threshold = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TargetStage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    StaffUserId = table.Column<string>(type: "TEXT", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringAutomations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoringAutomations_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ScoringRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoringRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AutomationFirings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AutomationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<long>(type: "INTEGER", nullable: true),
                    ScoreBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AutomationFirings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AutomationFirings_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AutomationFirings_ScoringAutomations_AutomationId",
                        column: x => x.AutomationId,
                        principalTable: "ScoringAutomations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StaffNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffUserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    AutomationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffNotifications_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffNotifications_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffNotifications_ScoringAutomations_AutomationId",
                        column: x => x.AutomationId,
                        principalTable: "ScoringAutomations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScoreEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<long>(type: "INTEGER", nullable: true),
                    DecayWeek = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    RulePoints = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreEntries_ClientEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "ClientEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScoreEntries_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScoreEntries_ScoringRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "ScoringRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AutomationFirings_AutomationId",
                table: "AutomationFirings",
                column: "AutomationId");

            migrationBuilder.CreateIndex(
                name: "IX_AutomationFirings_ClientId_FiredAt",
                table: "AutomationFirings",
                columns: new[] { "ClientId", "FiredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadScores_Score",
                table: "LeadScores",
                column: "Score");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreEntries_At",
                table: "ScoreEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreEntries_ClientId_At",
                table: "ScoreEntries",
                columns: new[] { "ClientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreEntries_ClientId_DecayWeek_RuleId",
                table: "ScoreEntries",
                columns: new[] { "ClientId", "DecayWeek", "RuleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoreEntries_EventId_RuleId",
                table: "ScoreEntries",
                columns: new[] { "EventId", "RuleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoreEntries_RuleId",
                table: "ScoreEntries",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoringAutomations_Name",
                table: "ScoringAutomations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScoringAutomations_StaffUserId",
                table: "ScoringAutomations",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoringRules_EventType_IsActive",
                table: "ScoringRules",
                columns: new[] { "EventType", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoringRules_Name",
                table: "ScoringRules",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotifications_AutomationId",
                table: "StaffNotifications",
                column: "AutomationId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotifications_ClientId",
                table: "StaffNotifications",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffNotifications_StaffUserId_ReadAt",
                table: "StaffNotifications",
                columns: new[] { "StaffUserId", "ReadAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AutomationFirings");

            migrationBuilder.DropTable(
                name: "LeadScores");

            migrationBuilder.DropTable(
                name: "ScoreDecays");

            migrationBuilder.DropTable(
                name: "ScoreEntries");

            migrationBuilder.DropTable(
                name: "StaffNotifications");

            migrationBuilder.DropTable(
                name: "ScoringRules");

            migrationBuilder.DropTable(
                name: "ScoringAutomations");
        }
    }
}
