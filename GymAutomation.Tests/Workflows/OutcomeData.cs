using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Tests.Workflows;

/// <summary>
/// A small branching workflow with its goal reached by some, written straight to the database. "Trial" (goal: becomes
/// a member within 14 days): "Hello" → "Opened?" (yes: "Offer"; no: "Reminder") → "Call" → a wait nobody reached. Ana (enrolled 40 days ago)
/// took yes and converted 2 days in; Bea (20 days ago) took yes and did not; Carlos (10 days ago) took no, passed
/// "Reminder" and "Call" and converted 6 days in; Dani (an hour ago) took no and is still in. Payments and orders
/// around them: 40 + 5.50 (Ana) and 30 (Carlos) fall in their goal windows; the rest is refunded, outside the window,
/// or of a client who did not convert. "Newsletter" has no goal and no steps.
/// </summary>
public sealed record OutcomeData(int Trial, int NoGoal, int Hello, int Opened, int Offer, int Reminder, int Call)
{
    public static async Task<OutcomeData> AddAsync(GymDbContext db, DateTime now)
    {
        var trial = new EmailWorkflow
        {
            Name = "Trial", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, Goal = WorkflowGoal.BecomesMember, GoalDays = 14, CreatedAt = now, UpdatedAt = now,
        };
        var noGoal = new EmailWorkflow { Name = "Newsletter", TriggerEvent = ClientEventTypes.LeadCreated, CreatedAt = now, UpdatedAt = now };
        db.AddRange(trial, noGoal);
        await db.SaveChangesAsync();

        var hello = Step(trial, null, StepBranch.Main, 0, StepKind.Email, "Hello");
        var opened = Step(trial, null, StepBranch.Main, 1, StepKind.IfElse, "Opened?");
        var call = Step(trial, null, StepBranch.Main, 2, StepKind.NotifyStaff, "Call");
        var wait = Step(trial, null, StepBranch.Main, 3, StepKind.Wait, "");
        db.AddRange(hello, opened, call, wait);
        await db.SaveChangesAsync();
        var offer = Step(trial, opened, StepBranch.Yes, 0, StepKind.Email, "Offer");
        var reminder = Step(trial, opened, StepBranch.No, 0, StepKind.Email, "Reminder");
        db.AddRange(offer, reminder);
        await db.SaveChangesAsync();

        var ana = await EnrolAsync(db, trial, "Ana", now.AddDays(-40), reachedAfterDays: 2);
        var bea = await EnrolAsync(db, trial, "Bea", now.AddDays(-20), reachedAfterDays: null);
        var carlos = await EnrolAsync(db, trial, "Carlos", now.AddDays(-10), reachedAfterDays: 6);
        var dani = await EnrolAsync(db, trial, "Dani", now.AddHours(-1), reachedAfterDays: null);
        Passed(db, ana, (hello, StepBranch.Main), (opened, StepBranch.Yes), (offer, StepBranch.Main));
        Passed(db, bea, (hello, StepBranch.Main), (opened, StepBranch.Yes), (offer, StepBranch.Main));
        Passed(db, carlos, (hello, StepBranch.Main), (opened, StepBranch.No), (reminder, StepBranch.Main), (call, StepBranch.Main));
        Passed(db, dani, (hello, StepBranch.Main), (opened, StepBranch.No));

        db.Payments.AddRange(
            Payment(ana, 40m, PaymentStatus.Paid, 2),
            Payment(ana, 40m, PaymentStatus.Refunded, 3),
            Payment(ana, 40m, PaymentStatus.Paid, 20),
            Payment(bea, 40m, PaymentStatus.Paid, 1),
            Payment(carlos, 30m, PaymentStatus.Paid, 6),
            Payment(carlos, 25m, PaymentStatus.Paid, -1));
        db.Orders.AddRange(
            new Order { ClientId = ana.ClientId, Total = 5.50m, Description = "Water", CreatedAt = ana.EnrolledAt.AddDays(1) },
            new Order { ClientId = bea.ClientId, Total = 9m, Description = "Towel", CreatedAt = bea.EnrolledAt.AddDays(1) });
        await db.SaveChangesAsync();
        return new OutcomeData(trial.Id, noGoal.Id, hello.Id, opened.Id, offer.Id, reminder.Id, call.Id);
    }

    private static WorkflowStep Step(EmailWorkflow workflow, WorkflowStep? parent, StepBranch branch, int position, StepKind kind, string name) => new()
    {
        WorkflowId = workflow.Id, ParentStepId = parent?.Id, Branch = branch, Position = position, Kind = kind, WaitDays = kind == StepKind.Wait ? 2 : 0,
        Name = name, Subject = kind == StepKind.Email ? name : "", Body = kind == StepKind.Email ? $"<p>{name}</p>" : "",
    };

    private static async Task<WorkflowEnrolment> EnrolAsync(GymDbContext db, EmailWorkflow workflow, string name, DateTime at, int? reachedAfterDays)
    {
        var client = new Client { FirstName = name, LastName = "Test", Email = $"{name.ToLowerInvariant()}@example.com", CreatedAt = at, UpdatedAt = at };
        var reached = reachedAfterDays is { } days ? at.AddDays(days) : (DateTime?)null;
        var enrolment = new WorkflowEnrolment
        {
            WorkflowId = workflow.Id, Client = client, EnrolledAt = at, GoalReachedAt = reached,
            Status = reached is null ? EnrolmentStatus.Active : EnrolmentStatus.Completed, EndedAt = reached,
            Ending = reached is null ? null : EnrolmentEnding.GoalReached,
        };
        db.WorkflowEnrolments.Add(enrolment);
        await db.SaveChangesAsync();
        return enrolment;
    }

    private static void Passed(GymDbContext db, WorkflowEnrolment enrolment, params (WorkflowStep Step, StepBranch Branch)[] steps) =>
        db.WorkflowPassages.AddRange(steps.Select((s, i) => new WorkflowPassage
        {
            EnrolmentId = enrolment.Id, StepId = s.Step.Id, WorkflowId = enrolment.WorkflowId, ClientId = enrolment.ClientId, Branch = s.Branch,
            PassedAt = enrolment.EnrolledAt.AddMinutes(i),
        }));

    private static Payment Payment(WorkflowEnrolment enrolment, decimal amount, PaymentStatus status, int afterDays) =>
        new() { ClientId = enrolment.ClientId, Amount = amount, Status = status, CreatedAt = enrolment.EnrolledAt.AddDays(afterDays) };
}
