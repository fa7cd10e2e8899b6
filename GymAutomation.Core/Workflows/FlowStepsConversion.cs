namespace GymAutomation.Core.Workflows;

/// <summary>
/// The <c>FlowSteps</c> migration's data, the same SQL on SQLite and PostgreSQL: every email confirmed sent becomes
/// a passage of its step, so the flow editor counts the clients past each email from the first day.
/// </summary>
internal static class FlowStepsConversion
{
    public const string Up = """
        INSERT INTO "WorkflowPassages" ("EnrolmentId", "StepId", "WorkflowId", "ClientId", "Branch", "PassedAt")
            SELECT "EnrolmentId", "StepId", "WorkflowId", "ClientId", 'Main', "SentAt" FROM "EmailSends"
            WHERE "Status" = 'Sent' AND "SentAt" IS NOT NULL;
        """;
}
