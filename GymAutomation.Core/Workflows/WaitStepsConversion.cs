namespace GymAutomation.Core.Workflows;

/// <summary>
/// The <c>WaitSteps</c> migration's data, the same SQL on SQLite and PostgreSQL. A step's delay became a wait step
/// of its own before it, so that moving an email no longer takes its delay along. Clients part-way keep their
/// timing: an enrolment points at the email it waits for, with its due time already counted, and the wait before
/// that email is behind it.
/// </summary>
internal static class WaitStepsConversion
{
    public const string Up = """
        UPDATE "WorkflowSteps" SET "Position" = "Position" * 2 + 1, "Kind" = 'Email';
        INSERT INTO "WorkflowSteps" ("WorkflowId", "Position", "Kind", "WaitDays", "Name", "Subject", "Body")
            SELECT "WorkflowId", "Position" - 1, 'Wait', "WaitDays", '', '', '' FROM "WorkflowSteps"
            WHERE "WaitDays" > 0 AND "RemovedAt" IS NULL AND "Kind" = 'Email';
        UPDATE "WorkflowSteps" SET "WaitDays" = 0 WHERE "Kind" = 'Email';
        """;

    /// <summary>Back to a delay on each email: the wait right before it, if any; the waits themselves go.</summary>
    public const string Down = """
        UPDATE "WorkflowSteps" SET "WaitDays" = COALESCE((
            SELECT w."WaitDays" FROM "WorkflowSteps" AS w
            WHERE w."WorkflowId" = "WorkflowSteps"."WorkflowId" AND w."Kind" = 'Wait' AND w."RemovedAt" IS NULL
              AND w."Position" = (SELECT MAX(p."Position") FROM "WorkflowSteps" AS p
                                  WHERE p."WorkflowId" = "WorkflowSteps"."WorkflowId" AND p."RemovedAt" IS NULL AND p."Position" < "WorkflowSteps"."Position")), 0)
        WHERE "Kind" = 'Email';
        DELETE FROM "WorkflowSteps" WHERE "Kind" = 'Wait';
        """;
}
