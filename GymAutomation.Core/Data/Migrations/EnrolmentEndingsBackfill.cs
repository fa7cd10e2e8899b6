namespace GymAutomation.Core.Data.Migrations;

/// <summary>
/// The <c>EnrolmentEndings</c> migration's data step, the same SQL on both providers: the end reasons stored as English
/// sentences become an ending plus what it names (the exit event's type, the server's words); a text it does not know
/// keeps no ending and is shown as it is.
/// </summary>
internal static class EnrolmentEndingsBackfill
{
    public const string Up = """
        UPDATE "WorkflowEnrolments" SET "Ending" = CASE
            WHEN "EndReason" = 'Reached the goal' THEN 'GoalReached'
            WHEN "EndReason" = 'Unsubscribed' THEN 'Unsubscribed'
            WHEN "EndReason" = 'Became a member' THEN 'BecameMember'
            WHEN "EndReason" = 'Enrolled again' THEN 'EnrolledAgain'
            WHEN "EndReason" = 'No email address' THEN 'NoEmailAddress'
            WHEN "EndReason" LIKE 'Could not deliver: %' THEN 'Undeliverable'
            WHEN "EndReason" LIKE '% happened' THEN 'ExitEvent'
        END
        WHERE "EndReason" IS NOT NULL;
        UPDATE "WorkflowEnrolments" SET "EndReason" = CASE "Ending"
            WHEN 'Undeliverable' THEN substr("EndReason", 20)
            WHEN 'ExitEvent' THEN substr("EndReason", 1, length("EndReason") - 9)
        END
        WHERE "Ending" IS NOT NULL;
        """;

    public const string Down = """
        UPDATE "WorkflowEnrolments" SET "EndReason" = CASE "Ending"
            WHEN 'GoalReached' THEN 'Reached the goal'
            WHEN 'Unsubscribed' THEN 'Unsubscribed'
            WHEN 'BecameMember' THEN 'Became a member'
            WHEN 'EnrolledAgain' THEN 'Enrolled again'
            WHEN 'NoEmailAddress' THEN 'No email address'
            WHEN 'Undeliverable' THEN 'Could not deliver: ' || "EndReason"
            WHEN 'ExitEvent' THEN "EndReason" || ' happened'
        END
        WHERE "Ending" IS NOT NULL;
        """;
}
