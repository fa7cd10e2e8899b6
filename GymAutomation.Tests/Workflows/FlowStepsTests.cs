using System.Text.RegularExpressions;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

/// <summary>Each step kind played day by day on fake time, against a real SMTP server.</summary>
public sealed partial class FlowStepsTests : IAsyncLifetime
{
    private SmtpTestServer smtp = default!;
    private TestGym gym = default!;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        gym = await TestGym.StartAsync(smtp.Settings(("Gym:PublicUrl", "https://gym.example.com")));
    }

    public async Task DisposeAsync()
    {
        await gym.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task Wait_until_opened_then_if_opened_sends_a_reader_email_A_on_the_day_they_open_and_the_others_email_B_when_the_wait_runs_out()
    {
        var flow = await AddFlowAsync(ClientEventTypes.LeadCreated, async (db, workflow) =>
        {
            var hello = Email(workflow, 0, "Hola");
            db.AddRange(hello, new WorkflowStep { WorkflowId = workflow.Id, Position = 1, Kind = StepKind.WaitUntil, EventType = ClientEventTypes.EmailOpened, WaitDays = 3, Name = "", Subject = "", Body = "" });
            await db.SaveChangesAsync();
            var ask = new WorkflowStep { WorkflowId = workflow.Id, Position = 2, Kind = StepKind.IfElse, Condition = StepCondition.OpenedEmail, ConditionStepId = hello.Id, Name = "", Subject = "", Body = "" };
            db.Add(ask);
            await db.SaveChangesAsync();
            db.AddRange(Email(workflow, 0, "A", ask, StepBranch.Yes), Email(workflow, 0, "B", ask, StepBranch.No));
        });
        await CreateLeadAsync("Ana");
        await CreateLeadAsync("Bea");

        var received = new List<(string To, string? Subject, int Day)>();
        for (var day = 0; day <= 5; day++)
        {
            await RunAsync();
            received.AddRange(smtp.Messages().Skip(received.Count).Select(m => (m.To.Mailboxes.Single().Address, m.Subject, day)));
            if (day == 1)
            {
                await OpenAsync("ana@example.com", "Hola");
                await RunAsync();
                received.AddRange(smtp.Messages().Skip(received.Count).Select(m => (m.To.Mailboxes.Single().Address, m.Subject, day)));
            }

            gym.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal<(string, string?, int)>([("ana@example.com", "Hola", 0), ("bea@example.com", "Hola", 0), ("ana@example.com", "A", 1), ("bea@example.com", "B", 3)],
            received.OrderBy(r => r.Day).ThenBy(r => r.To));
        await using var db = gym.CreateDb();
        var branches = await db.WorkflowPassages.Where(p => p.WorkflowId == flow)
            .Join(db.WorkflowSteps, p => p.StepId, s => s.Id, (p, s) => new { s.Kind, p.Branch, p.ClientId })
            .Where(p => p.Kind == StepKind.WaitUntil || p.Kind == StepKind.IfElse)
            .Join(db.Clients, p => p.ClientId, c => c.Id, (p, c) => new { c.FirstName, p.Kind, p.Branch })
            .ToListAsync();
        Assert.Equal([("Ana", StepKind.WaitUntil, StepBranch.Yes), ("Ana", StepKind.IfElse, StepBranch.Yes), ("Bea", StepKind.WaitUntil, StepBranch.No), ("Bea", StepKind.IfElse, StepBranch.No)],
            branches.Select(b => (b.FirstName, b.Kind, b.Branch)).OrderBy(b => b.FirstName).ThenBy(b => b.Kind));
        Assert.All(await db.WorkflowEnrolments.ToListAsync(), e => Assert.Equal(EnrolmentStatus.Completed, e.Status));
    }

    [Fact]
    public async Task Update_and_notify_steps_change_the_client_give_points_with_a_reason_and_ask_a_person_once_however_often_the_round_runs()
    {
        await using (var db = gym.CreateDb())
        {
            db.Users.Add(new StaffUser { Id = "lucia", UserName = "lucia@test.gym", Email = "lucia@test.gym", DisplayName = "Lucía" });
            await db.SaveChangesAsync();
        }

        await AddFlowAsync(ClientEventTypes.LeadCreated, (db, workflow) =>
        {
            db.AddRange(
                new WorkflowStep { WorkflowId = workflow.Id, Position = 0, Kind = StepKind.UpdateClient, Update = ClientUpdate.SetStage, UpdateValue = nameof(PipelineStage.Contacted), Name = "", Subject = "", Body = "" },
                new WorkflowStep { WorkflowId = workflow.Id, Position = 1, Kind = StepKind.UpdateClient, Update = ClientUpdate.AssignStaff, UpdateValue = "lucia", Name = "", Subject = "", Body = "" },
                new WorkflowStep { WorkflowId = workflow.Id, Position = 2, Kind = StepKind.UpdateClient, Update = ClientUpdate.AddPoints, UpdatePoints = 15, Name = "Came through the welcome", Subject = "", Body = "" },
                new WorkflowStep { WorkflowId = workflow.Id, Position = 3, Kind = StepKind.NotifyStaff, Name = "Call to book a visit", Subject = "", Body = "" },
                Email(workflow, 4, "Hola"));
            return Task.CompletedTask;
        });
        var ana = await CreateLeadAsync("Ana");

        await RunAsync();
        await RunAsync();
        gym.Time.Advance(TimeSpan.FromDays(1));
        await RunAsync();

        await using var check = gym.CreateDb();
        var client = await check.Clients.SingleAsync(c => c.Id == ana);
        Assert.Equal((PipelineStage.Contacted, "lucia"), (client.Stage, client.AssignedStaffId));
        var points = Assert.Single(await check.ScoreEntries.Where(e => e.ClientId == ana && e.EventType == ScoreEntry.WorkflowPoints).ToListAsync());
        Assert.Equal((15, "Came through the welcome", (int?)null), (points.Points, points.Reason, points.RuleId));
        var note = Assert.Single(await check.WorkflowNotifications.ToListAsync());
        Assert.Equal(("lucia", ana, "Call to book a visit"), (note.StaffUserId, note.ClientId, note.Message));
        Assert.Equal(["Hola"], smtp.Messages().Select(m => m.Subject));
        Assert.Equal(EnrolmentStatus.Completed, (await check.WorkflowEnrolments.SingleAsync()).Status);

        await gym.Get<ScoreRecalculation>().RunAsync();
        await using var after = gym.CreateDb();
        Assert.Equal(15, (await after.ScoreEntries.SingleAsync(e => e.ClientId == ana && e.EventType == ScoreEntry.WorkflowPoints)).Points);
    }

    [Fact]
    public async Task A_wait_until_a_weekday_and_time_lets_the_next_email_go_at_the_first_such_moment_in_gym_time()
    {
        // The gym's clock starts on Tuesday 10 March 2026 at 10:00 in Madrid.
        await AddFlowAsync(ClientEventTypes.LeadCreated, (db, workflow) =>
        {
            db.AddRange(
                new WorkflowStep { WorkflowId = workflow.Id, Position = 0, Kind = StepKind.Wait, WaitDays = 1, WaitWeekday = DayOfWeek.Monday, WaitTime = new TimeOnly(9, 30), Name = "", Subject = "", Body = "" },
                Email(workflow, 1, "Lunes"));
            return Task.CompletedTask;
        });
        await CreateLeadAsync("Ana");

        DateTime? sentAt = null;
        for (var hour = 0; hour < 24 * 8 && sentAt is null; hour++)
        {
            await RunAsync();
            sentAt = smtp.Messages().Count > 0 ? gym.Clock.LocalNow : null;
            gym.Time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(new DateTime(2026, 3, 16, 10, 0, 0), sentAt);
    }

    [Fact]
    public void The_AB_split_is_stable_per_client_and_near_even_over_ten_thousand_clients()
    {
        var step = new WorkflowStep { Id = 42, Name = "", Subject = "A", Body = "", VariantSubject = "B" };

        var variants = Enumerable.Range(1, 10_000).Select(id => EmailVariants.For(step, id)).ToList();

        Assert.Equal(variants, Enumerable.Range(1, 10_000).Select(id => EmailVariants.For(step, id)));
        Assert.InRange(variants.Count(v => v == EmailVariant.B), 4_850, 5_150);
        Assert.Null(EmailVariants.For(new WorkflowStep { Id = 42, Name = "", Subject = "A", Body = "" }, 1));
        step.Winner = EmailVariant.B;
        Assert.All(Enumerable.Range(1, 100), id => Assert.Equal(EmailVariant.B, EmailVariants.For(step, id)));
    }

    private async Task<int> AddFlowAsync(string trigger, Func<GymDbContext, EmailWorkflow, Task> addSteps)
    {
        var now = gym.Clock.UtcNow;
        await using var db = gym.CreateDb();
        var workflow = new EmailWorkflow { Name = "Flow", TriggerEvent = trigger, IsActive = true, CreatedAt = now, UpdatedAt = now };
        db.EmailWorkflows.Add(workflow);
        await db.SaveChangesAsync();
        await addSteps(db, workflow);
        await db.SaveChangesAsync();
        return workflow.Id;
    }

    private static WorkflowStep Email(EmailWorkflow workflow, int position, string subject, WorkflowStep? parent = null, StepBranch branch = StepBranch.Main) => new()
    {
        WorkflowId = workflow.Id, ParentStepId = parent?.Id, Branch = branch, Position = position, Name = subject, Subject = subject,
        Body = $"<p>{subject}, {{{{ client.first_name }}}}</p>",
    };

    private async Task<int> CreateLeadAsync(string name)
    {
        var id = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com" })).Value!.Id;
        await gym.Get<EventDispatcher>().DrainAsync();
        return id;
    }

    private async Task RunAsync()
    {
        await gym.Get<EventDispatcher>().DrainAsync();
        await gym.Get<WorkflowEngine>().ProcessAsync();
    }

    /// <summary>Opens the email as a mail client does: by loading its tracking pixel.</summary>
    private async Task OpenAsync(string to, string subject)
    {
        var message = smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == to && m.Subject == subject);
        await gym.Get<EmailTracking>().RecordOpenAsync(OpenPixel().Match(message.HtmlBody ?? "").Groups[1].Value);
        await gym.Get<EventDispatcher>().DrainAsync();
    }

    [GeneratedRegex("/t/o/([^\"]+)\"")]
    private static partial Regex OpenPixel();
}
