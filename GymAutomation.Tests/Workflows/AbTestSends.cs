using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Tests.Workflows;

/// <summary>An A/B test's sent emails written straight to the database: each to a client and an enrolment of its own.</summary>
internal static class AbTestSends
{
    /// <summary>
    /// <paramref name="sent"/> emails of <paramref name="variant"/>, sent three days ago; the first
    /// <paramref name="converted"/> enrolments reached the goal since, the first <paramref name="clicked"/> emails were clicked.
    /// </summary>
    public static async Task AddAsync(GymDbContext db, DateTime now, int stepId, EmailVariant variant, int sent, int converted = 0, int clicked = 0)
    {
        var workflowId = db.WorkflowSteps.Single(s => s.Id == stepId).WorkflowId;
        var clients = Enumerable.Range(0, sent)
            .Select(i => new Client { FirstName = $"{variant}{i}", Email = $"{variant}{i}-{stepId}@example.com", CreatedAt = now, UpdatedAt = now })
            .ToList();
        db.Clients.AddRange(clients);
        await db.SaveChangesAsync();
        var enrolments = clients.Select((c, i) => new WorkflowEnrolment
        {
            WorkflowId = workflowId, ClientId = c.Id, Status = EnrolmentStatus.Completed, EnrolledAt = now.AddDays(-3), EndedAt = now.AddDays(-2),
            GoalReachedAt = i < converted ? now.AddDays(-1) : null,
        }).ToList();
        db.WorkflowEnrolments.AddRange(enrolments);
        await db.SaveChangesAsync();
        db.EmailSends.AddRange(enrolments.Select((e, i) => new EmailSend
        {
            EnrolmentId = e.Id, StepId = stepId, WorkflowId = workflowId, ClientId = e.ClientId, Status = EmailSendStatus.Sent, Variant = variant,
            ClaimedAt = now.AddDays(-3), SentAt = now.AddDays(-3), OpenedAt = i < clicked ? now.AddDays(-2) : null, ClickedAt = i < clicked ? now.AddDays(-2) : null,
            ToAddress = "x@example.com", Subject = "S", HtmlBody = "<p>x</p>", TextBody = "x",
        }));
        await db.SaveChangesAsync();
    }
}
