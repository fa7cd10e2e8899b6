using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Tests.Workflows;

/// <summary>
/// A client part-way through a two-step workflow whose first email has gone out, written straight to the
/// database: what the tracking links act on, without the sender that will one day write it.
/// </summary>
public sealed record TrackedSend(int ClientId, int WorkflowId, long EnrolmentId, long SendId)
{
    public static async Task<TrackedSend> AddAsync(GymDbContext db, DateTime now, string email)
    {
        var client = new Client { FirstName = email.Split('@')[0], Email = email, CreatedAt = now, UpdatedAt = now };
        var workflow = new EmailWorkflow
        {
            Name = $"Workflow {Guid.NewGuid():N}",
            TriggerEvent = Core.Events.ClientEventTypes.LeadCreated,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
            Steps =
            [
                new WorkflowStep { Position = 0, Name = "Hello", Subject = "Hello", Body = "<p>Hi</p>" },
                new WorkflowStep { Position = 1, Kind = StepKind.Wait, WaitDays = 2, Name = "", Subject = "", Body = "" },
                new WorkflowStep { Position = 2, Name = "Again", Subject = "Again", Body = "<p>Hi again</p>" },
            ],
        };
        db.AddRange(client, workflow);
        await db.SaveChangesAsync();

        var enrolment = new WorkflowEnrolment
        {
            WorkflowId = workflow.Id,
            ClientId = client.Id,
            EnrolledAt = now,
            NextStepId = workflow.Steps.Single(s => s.Position == 2).Id,
            NextDueAt = now.AddDays(2),
        };
        db.WorkflowEnrolments.Add(enrolment);
        await db.SaveChangesAsync();

        var send = new EmailSend
        {
            EnrolmentId = enrolment.Id,
            StepId = workflow.Steps.Single(s => s.Position == 0).Id,
            WorkflowId = workflow.Id,
            ClientId = client.Id,
            Status = EmailSendStatus.Sent,
            ClaimedAt = now,
            SentAt = now,
            ToAddress = email,
            Subject = "Hello",
            HtmlBody = "<p>Hi</p>",
            TextBody = "Hi",
        };
        db.EmailSends.Add(send);
        await db.SaveChangesAsync();
        return new TrackedSend(client.Id, workflow.Id, enrolment.Id, send.Id);
    }

    /// <summary>The token with one character in its middle changed: still well-formed, no longer sealed.</summary>
    public static string Tampered(string token)
    {
        var middle = token.Length / 2;
        return string.Concat(token.AsSpan(0, middle), token[middle] == 'A' ? "B" : "A", token.AsSpan(middle + 1));
    }
}
