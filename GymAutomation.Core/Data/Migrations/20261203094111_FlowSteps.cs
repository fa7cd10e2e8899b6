using System;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GymAutomation.Core.Data.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Branch",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 4,
                nullable: false,
                defaultValue: "Main");

            migrationBuilder.AddColumn<string>(
                name: "Condition",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConditionNumber",
                table: "WorkflowSteps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ConditionStepId",
                table: "WorkflowSteps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConditionValue",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ContinueAtStepId",
                table: "WorkflowSteps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Design",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 100000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EventType",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotifyStaffUserId",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentStepId",
                table: "WorkflowSteps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Update",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "UpdatePoints",
                table: "WorkflowSteps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdateValue",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VariantBody",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 50000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VariantDesign",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 100000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VariantSubject",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "WaitTime",
                table: "WorkflowSteps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WaitWeekday",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Winner",
                table: "WorkflowSteps",
                type: "TEXT",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GoalReachedAt",
                table: "WorkflowEnrolments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StepReachedAt",
                table: "WorkflowEnrolments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "RuleId",
                table: "ScoreEntries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "Goal",
                table: "EmailWorkflows",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GoalDays",
                table: "EmailWorkflows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TriggerScore",
                table: "EmailWorkflows",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TriggerValue",
                table: "EmailWorkflows",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Variant",
                table: "EmailSends",
                type: "TEXT",
                maxLength: 1,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WorkflowNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffUserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkflowId = table.Column<int>(type: "INTEGER", nullable: false),
                    StepId = table.Column<int>(type: "INTEGER", nullable: false),
                    EnrolmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DigestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnrolmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    StepId = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkflowId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Branch = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    PassedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
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
