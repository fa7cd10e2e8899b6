using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Retention;

/// <summary>Staff, clients and alerts written straight to a <see cref="TestGym"/>'s database, for the digest and the screens.</summary>
internal static class AlertSeeds
{
    public static async Task<string> StaffAsync(this TestGym gym, string name, string role)
    {
        await using var scope = gym.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(
            new StaffInput { Email = $"{name.ToLowerInvariant()}@staff.test", DisplayName = name, Password = "Test.Staff.2026", Roles = [role] });
        Assert.True(result.Succeeded);
        return result.Value!.Id;
    }

    public static async Task<int> ClientAsync(this TestGym gym, string firstName, string? phone = "+34 600 000 000")
    {
        await using var db = gym.CreateDb();
        var now = gym.Clock.UtcNow;
        var client = new Client
        {
            FirstName = firstName,
            LastName = "Test",
            Email = $"{firstName.ToLowerInvariant()}@example.com",
            Phone = phone,
            Status = ClientStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }

    /// <summary>An alert with the facts its type explains itself with, opened <paramref name="daysAgo"/> days ago.</summary>
    public static async Task<int> AlertAsync(
        this TestGym gym,
        int clientId,
        AlertType type,
        int risk,
        AlertStatus status = AlertStatus.Open,
        string? assignedTo = null,
        AlertOutcome? outcome = null,
        string? note = null,
        bool automatically = false,
        int daysAgo = 1)
    {
        var now = gym.Clock.UtcNow;
        var closed = !AlertTypes.IsOpen(status);
        var alert = new RetentionAlert
        {
            ClientId = clientId,
            Type = type,
            RuleName = type.ToString(),
            RiskScore = risk,
            Status = status,
            AssignedToId = assignedTo,
            Facts = Facts(type, now, gym.Clock.Today),
            CreatedAt = now.AddDays(-daysAgo),
            UpdatedAt = closed ? now.AddDays(-daysAgo + 1) : now.AddDays(-daysAgo),
            ClosedAt = closed ? now.AddDays(-daysAgo + 1) : null,
            Outcome = outcome,
            ClosingNote = note,
            ClosedAutomatically = automatically,
        };
        await using var db = gym.CreateDb();
        db.RetentionAlerts.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    /// <summary>
    /// What a notify-staff step leaves for <paramref name="staffId"/>: a workflow of that one step, the client enrolled
    /// and past it, and the notification, written <paramref name="hoursAgo"/> hours ago; returns the notification's id.
    /// </summary>
    public static async Task<long> NotifiedAsync(this TestGym gym, string staffId, int clientId, string workflowName, string stepName, int hoursAgo = 1)
    {
        var at = gym.Clock.UtcNow.AddHours(-hoursAgo);
        await using var db = gym.CreateDb();
        var step = new WorkflowStep { Kind = StepKind.NotifyStaff, NotifyStaffUserId = staffId, Name = stepName, Subject = "", Body = "" };
        var workflow = new EmailWorkflow { Name = workflowName, TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, CreatedAt = at, UpdatedAt = at, Steps = [step] };
        db.EmailWorkflows.Add(workflow);
        await db.SaveChangesAsync();
        var enrolment = new WorkflowEnrolment { WorkflowId = workflow.Id, ClientId = clientId, Status = EnrolmentStatus.Completed, EnrolledAt = at, EndedAt = at };
        db.WorkflowEnrolments.Add(enrolment);
        await db.SaveChangesAsync();
        var notification = new WorkflowNotification
        {
            StaffUserId = staffId, ClientId = clientId, WorkflowId = workflow.Id, StepId = step.Id, EnrolmentId = enrolment.Id, Message = stepName, CreatedAt = at,
        };
        db.WorkflowNotifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    }

    public static async Task SetStaffEmailAsync(this TestGym gym, string staffId, string? email)
    {
        await using var db = gym.CreateDb();
        await db.Users.Where(u => u.Id == staffId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, email));
    }

    private static AlertFacts Facts(AlertType type, DateTime now, DateOnly today) => type switch
    {
        AlertType.NoAttendance => new AlertFacts { Days = 14, LastVisitAt = now.AddDays(-20) },
        AlertType.PaymentFailed => new AlertFacts { Days = 14, PaymentFailedAt = now.AddDays(-3), PaymentAmount = 39.90m },
        AlertType.MembershipExpiring => new AlertFacts { Days = 7, EndsOn = today.AddDays(5) },
        AlertType.LowClassBooking => new AlertFacts { Days = 30, Threshold = 2, Counted = 0 },
        _ => new AlertFacts { Days = 14, JoinedOn = today.AddDays(-20) },
    };
}
