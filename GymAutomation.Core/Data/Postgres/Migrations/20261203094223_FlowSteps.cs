using System;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace GymAutomation.Core.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FlowSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EmailSends_WorkflowSteps_StepId",
                table: "EmailSends");

            migrationBuilder.DropForeignKey(
                name: "FK_WorkflowEnrolments_WorkflowSteps_NextStepId",
                table: "WorkflowEnrolments");

            migrationBuilder.RenameColumn(
                name: "InactiveDays",
                table: "EmailWorkflows",
                newName: "TriggerDays");

            migrationBuilder.AddColumn<bool>(
                name: "AutoDecideWinner",
                table: "WorkflowSteps",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Branch",
                table: "WorkflowSteps",
                type: "character varying(4)",
                maxLength: 4,
                nullable: false,
                defaultValue: "Main");

            migrationBuilder.AddColumn<string>(
                name: "Condition",
                table: "WorkflowSteps",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConditionNumber",
                table: "WorkflowSteps",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConditionStepId",
                table: "WorkflowSteps",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConditionValue",
                table: "WorkflowSteps",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ContinueAtStepId",
                table: "WorkflowSteps",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Design",
                table: "WorkflowSteps",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EventType",
                table: "WorkflowSteps",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotifyStaffUserId",
                table: "WorkflowSteps",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentStepId",
                table: "WorkflowSteps",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Update",
                table: "WorkflowSteps",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UpdatePoints",
                table: "WorkflowSteps",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdateValue",
                table: "WorkflowSteps",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VariantBody",
                table: "WorkflowSteps",
                type: "character varying(50000)",
                maxLength: 50000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VariantDesign",
                table: "WorkflowSteps",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VariantSubject",
                table: "WorkflowSteps",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WaitTime",
                table: "WorkflowSteps",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaitWeekday",
                table: "WorkflowSteps",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Winner",
                table: "WorkflowSteps",
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GoalReachedAt",
                table: "WorkflowEnrolments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StepReachedAt",
                table: "WorkflowEnrolments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "RuleId",
                table: "ScoreEntries",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "Goal",
                table: "EmailWorkflows",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GoalDays",
                table: "EmailWorkflows",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TriggerScore",
                table: "EmailWorkflows",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TriggerValue",
                table: "EmailWorkflows",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Variant",
                table: "EmailSends",
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WorkflowNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StaffUserId = table.Column<string>(type: "text", nullable: false),
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    WorkflowId = table.Column<int>(type: "integer", nullable: false),
                    StepId = table.Column<int>(type: "integer", nullable: false),
                    EnrolmentId = table.Column<long>(type: "bigint", nullable: false),
                    Message = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DigestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowNotifications_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkflowNotifications_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkflowNotifications_WorkflowEnrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "WorkflowEnrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkflowNotifications_WorkflowSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "WorkflowSteps",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "WorkflowPassages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EnrolmentId = table.Column<long>(type: "bigint", nullable: false),
                    StepId = table.Column<int>(type: "integer", nullable: false),
                    WorkflowId = table.Column<int>(type: "integer", nullable: false),
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    Branch = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    PassedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowPassages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkflowPassages_WorkflowEnrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "WorkflowEnrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WorkflowPassages_WorkflowSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "WorkflowSteps",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowSteps_ConditionStepId",
                table: "WorkflowSteps",
                column: "ConditionStepId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowSteps_ContinueAtStepId",
                table: "WorkflowSteps",
                column: "ContinueAtStepId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowSteps_ParentStepId",
                table: "WorkflowSteps",
                column: "ParentStepId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowNotifications_ClientId",
                table: "WorkflowNotifications",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowNotifications_EnrolmentId_StepId",
                table: "WorkflowNotifications",
                columns: new[] { "EnrolmentId", "StepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowNotifications_StaffUserId_ReadAt",
                table: "WorkflowNotifications",
                columns: new[] { "StaffUserId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowNotifications_StepId",
                table: "WorkflowNotifications",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowPassages_EnrolmentId_StepId",
                table: "WorkflowPassages",
                columns: new[] { "EnrolmentId", "StepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowPassages_StepId",
                table: "WorkflowPassages",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowPassages_WorkflowId_StepId",
                table: "WorkflowPassages",
                columns: new[] { "WorkflowId", "StepId" });

            migrationBuilder.AddForeignKey(
                name: "FK_EmailSends_WorkflowSteps_StepId",
                table: "EmailSends",
                column: "StepId",
                principalTable: "WorkflowSteps",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_WorkflowEnrolments_WorkflowSteps_NextStepId",
                table: "WorkflowEnrolments",
                column: "NextStepId",
                principalTable: "WorkflowSteps",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_WorkflowSteps_WorkflowSteps_ConditionStepId",
                table: "WorkflowSteps",
                column: "ConditionStepId",
                principalTable: "WorkflowSteps",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_WorkflowSteps_WorkflowSteps_ContinueAtStepId",
                table: "WorkflowSteps",
                column: "ContinueAtStepId",
                principalTable: "WorkflowSteps",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_WorkflowSteps_WorkflowSteps_ParentStepId",
                table: "WorkflowSteps",
                column: "ParentStepId",
                principalTable: "WorkflowSteps",
                principalColumn: "Id");

            migrationBuilder.Sql(FlowStepsConversion.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_EmailSends_WorkflowSteps_StepId",
                table: "EmailSends");

            migrationBuilder.DropForeignKey(
                name: "FK_WorkflowEnrolments_WorkflowSteps_NextStepId",
                table: "WorkflowEnrolments");

            migrationBuilder.DropForeignKey(
                name: "FK_WorkflowSteps_WorkflowSteps_ConditionStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropForeignKey(
                name: "FK_WorkflowSteps_WorkflowSteps_ContinueAtStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropForeignKey(
                name: "FK_WorkflowSteps_WorkflowSteps_ParentStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropTable(
                name: "WorkflowNotifications");

            migrationBuilder.DropTable(
                name: "WorkflowPassages");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowSteps_ConditionStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowSteps_ContinueAtStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowSteps_ParentStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "AutoDecideWinner",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "Branch",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "Condition",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "ConditionNumber",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "ConditionStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "ConditionValue",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "ContinueAtStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "Design",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "EventType",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "NotifyStaffUserId",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "ParentStepId",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "Update",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "UpdatePoints",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "UpdateValue",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "VariantBody",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "VariantDesign",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "VariantSubject",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "WaitTime",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "WaitWeekday",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "Winner",
                table: "WorkflowSteps");

            migrationBuilder.DropColumn(
                name: "GoalReachedAt",
                table: "WorkflowEnrolments");

            migrationBuilder.DropColumn(
                name: "StepReachedAt",
                table: "WorkflowEnrolments");

            migrationBuilder.DropColumn(
                name: "Goal",
                table: "EmailWorkflows");

            migrationBuilder.DropColumn(
                name: "GoalDays",
                table: "EmailWorkflows");

            migrationBuilder.DropColumn(
                name: "TriggerScore",
                table: "EmailWorkflows");

            migrationBuilder.DropColumn(
                name: "TriggerValue",
                table: "EmailWorkflows");

            migrationBuilder.DropColumn(
                name: "Variant",
                table: "EmailSends");

            migrationBuilder.RenameColumn(
                name: "TriggerDays",
                table: "EmailWorkflows",
                newName: "InactiveDays");

            migrationBuilder.AlterColumn<int>(
                name: "RuleId",
                table: "ScoreEntries",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_EmailSends_WorkflowSteps_StepId",
                table: "EmailSends",
                column: "StepId",
                principalTable: "WorkflowSteps",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_WorkflowEnrolments_WorkflowSteps_NextStepId",
                table: "WorkflowEnrolments",
                column: "NextStepId",
                principalTable: "WorkflowSteps",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
