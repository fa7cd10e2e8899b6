using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Tests.Workflows;

/// <summary>
/// A known gym for the workflow reports, written straight to the database. "Welcome" (active) has three live emails
/// on days 0, 2 and 5 and a removed one; Ana is in progress, Bea completed, Carlos unsubscribed. Its log: the first
/// email sent to all three (Ana opened and clicked, Bea opened), the second failed for Bea and claimed for Ana, and the
/// removed one sent to Bea. "Win back" is paused, without emails; Dani has no email address and Eva opted out.
/// </summary>
public sealed record ReportData(int Welcome, int WinBack, int Ana, int Bea, int Carlos, int Dani, int Eva, int[] WelcomeSteps)
{
    public static async Task<ReportData> AddAsync(GymDbContext db, DateTime now)
    {
        Client Client(string name, string? email, bool optOut = false) =>
            new() { FirstName = name, LastName = "Test", Email = email, EmailOptOut = optOut, CreatedAt = now, UpdatedAt = now };

        var (ana, bea, carlos, dani, eva) = (Client("Ana", "ana@example.com"), Client("Bea", "bea@example.com"), Client("Carlos", "carlos@example.com"),
            Client("Dani", null), Client("Eva", "eva@example.com", optOut: true));
        var welcome = new EmailWorkflow
        {
            Name = "Welcome",
            TriggerEvent = ClientEventTypes.LeadCreated,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
            Steps =
            [
                Step(0, "Hello"),
                Step(2, "Removed", removedAt: now),
                Wait(3, 2),
                Step(4, "Visit us"),
                Wait(5, 3),
                Step(6, "Offer"),
            ],
        };
        var winBack = new EmailWorkflow
        {
            Name = "Win back", TriggerEvent = ClientEventTypes.InactiveForDays, TriggerDays = 30, CreatedAt = now, UpdatedAt = now,
        };
        db.AddRange(ana, bea, carlos, dani, eva, welcome, winBack);
        await db.SaveChangesAsync();

        var steps = welcome.Steps.Where(s => s.Kind == StepKind.Email).OrderBy(s => s.Position).ToArray();
        var (hello, removed, visit) = (steps[0], steps[1], steps[2]);
        var anaIn = Enrolment(welcome, ana, EnrolmentStatus.Active, now.AddDays(-3), next: visit);
        var beaIn = Enrolment(welcome, bea, EnrolmentStatus.Completed, now.AddDays(-2));
        var carlosIn = Enrolment(welcome, carlos, EnrolmentStatus.Exited, now.AddDays(-1), ending: EnrolmentEnding.Unsubscribed);
        db.AddRange(anaIn, beaIn, carlosIn);
        await db.SaveChangesAsync();

        db.EmailSends.AddRange(
            Send(anaIn, hello, EmailSendStatus.Sent, now.AddDays(-3), opened: true, clicked: true),
            Send(beaIn, hello, EmailSendStatus.Sent, now.AddDays(-2), opened: true),
            Send(carlosIn, hello, EmailSendStatus.Sent, now.AddDays(-1)),
            Send(beaIn, removed, EmailSendStatus.Sent, now.AddHours(-3)),
            Send(beaIn, visit, EmailSendStatus.Failed, now.AddHours(-2), error: "550 mailbox unavailable"),
            Send(anaIn, visit, EmailSendStatus.Claimed, now.AddHours(-1)));
        await db.SaveChangesAsync();
        return new ReportData(welcome.Id, winBack.Id, ana.Id, bea.Id, carlos.Id, dani.Id, eva.Id, [.. steps.Select(s => s.Id)]);

        WorkflowStep Step(int position, string name, DateTime? removedAt = null) =>
            new() { Position = position, Name = name, Subject = name, Body = $"<p>{name}</p>", RemovedAt = removedAt };

        WorkflowStep Wait(int position, int days) =>
            new() { Position = position, Kind = StepKind.Wait, WaitDays = days, Name = "", Subject = "", Body = "" };
    }

    private static WorkflowEnrolment Enrolment(
        EmailWorkflow workflow, Client client, EnrolmentStatus status, DateTime at, WorkflowStep? next = null, EnrolmentEnding? ending = null) => new()
        {
            WorkflowId = workflow.Id,
            ClientId = client.Id,
            Client = client,
            Status = status,
            EnrolledAt = at,
            NextStepId = next?.Id,
            NextDueAt = next is null ? null : at.AddDays(5),
            EndedAt = status == EnrolmentStatus.Active ? null : at.AddHours(1),
            Ending = ending,
        };

    private static EmailSend Send(
        WorkflowEnrolment enrolment, WorkflowStep step, EmailSendStatus status, DateTime at, bool opened = false, bool clicked = false, string? error = null) => new()
        {
            EnrolmentId = enrolment.Id,
            StepId = step.Id,
            WorkflowId = enrolment.WorkflowId,
            ClientId = enrolment.ClientId,
            Status = status,
            ClaimedAt = at,
            SentAt = status == EmailSendStatus.Sent ? at : null,
            Attempts = status == EmailSendStatus.Failed ? 3 : status == EmailSendStatus.Sent ? 1 : 0,
            Error = error,
            ToAddress = enrolment.Client.Email!,
            Subject = $"{step.Name} for {enrolment.ClientId}",
            HtmlBody = $"<p>{step.Name}</p><script>alert(1)</script>",
            TextBody = step.Name,
            OpenedAt = opened ? at.AddHours(1) : null,
            ClickedAt = clicked ? at.AddHours(2) : null,
        };
}
