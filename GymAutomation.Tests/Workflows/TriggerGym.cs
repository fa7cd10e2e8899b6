using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

/// <summary>A gym for the trigger and goal tests: leads and members with an email, workflows with one email, fake time.</summary>
internal sealed class TriggerGym(TestGym gym) : IAsyncDisposable
{
    public TestGym Gym { get; } = gym;

    public DateOnly Today => Gym.Clock.Today;

    public static async Task<TriggerGym> StartAsync() => new(await TestGym.StartAsync());

    public async Task<EmailWorkflow> AddWorkflowAsync(
        string trigger, int? days = null, int? score = null, string? value = null, WorkflowGoal? goal = null, int? goalDays = null,
        ReenrolmentPolicy policy = ReenrolmentPolicy.Never)
    {
        await using var db = Gym.CreateDb();
        var now = Gym.Clock.UtcNow;
        var workflow = new EmailWorkflow
        {
            Name = $"Workflow {Guid.NewGuid():N}",
            TriggerEvent = trigger,
            TriggerDays = days,
            TriggerScore = score,
            TriggerValue = value,
            Goal = goal,
            GoalDays = goalDays,
            IsActive = true,
            Reenrolment = policy,
            CreatedAt = now,
            UpdatedAt = now,
            Steps = [new WorkflowStep { Position = 0, Name = "Hello", Subject = "Hello", Body = "<p>Hi</p>" }],
        };
        db.EmailWorkflows.Add(workflow);
        await db.SaveChangesAsync();
        return workflow;
    }

    public async Task<int> CreateLeadAsync(string name)
    {
        var result = await Gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com" });
        Assert.True(result.Succeeded);
        await DrainAsync();
        return result.Value!.Id;
    }

    /// <summary>A client with a membership from today, open-ended unless <paramref name="endsInDays"/> says otherwise.</summary>
    public async Task<int> CreateMemberAsync(string name, int? endsInDays = null)
    {
        var id = await CreateLeadAsync(name);
        await AddMembershipAsync(id, Today, endsInDays is { } days ? Today.AddDays(days) : null);
        return id;
    }

    public async Task AddMembershipAsync(int clientId, DateOnly start, DateOnly? end)
    {
        var input = new MembershipInput { Plan = "Monthly", StartDate = start, EndDate = end, Status = MembershipStatus.Active };
        Assert.True((await Gym.Get<FrontDesk>().SaveMembershipAsync(clientId, null, input)).Succeeded);
        await DrainAsync();
    }

    public async Task VisitAsync(int clientId)
    {
        Gym.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await Gym.Get<FrontDesk>().RegisterVisitAsync(clientId)).Succeeded);
        await DrainAsync();
    }

    public async Task RecordAsync(int clientId, string type, object? data = null)
    {
        Gym.Time.Advance(TimeSpan.FromMinutes(1));
        await using (var db = Gym.CreateDb())
        {
            Gym.Get<EventOutbox>().Add(db, type, clientId, data: data);
            await db.SaveChangesAsync();
        }

        await DrainAsync();
    }

    public async Task<int> RunCheckMembersAsync()
    {
        var run = await Gym.Get<CheckMembersJob>().RunAsync("manual", CancellationToken.None);
        Assert.Equal(JobOutcome.Succeeded, run.Outcome);
        await DrainAsync();
        return run.ItemsProcessed;
    }

    public void AdvanceDays(int days) => Gym.Time.Advance(TimeSpan.FromDays(days));

    public Task<int> DrainAsync() => Gym.Get<EventDispatcher>().DrainAsync();

    public async Task<List<WorkflowEnrolment>> EnrolmentsAsync(int workflowId)
    {
        await using var db = Gym.CreateDb();
        return await db.WorkflowEnrolments.Where(e => e.WorkflowId == workflowId).OrderBy(e => e.Id).ToListAsync();
    }

    public async Task<List<int>> EnrolledAsync(int workflowId) => [.. (await EnrolmentsAsync(workflowId)).Select(e => e.ClientId)];

    public async Task<List<ClientEvent>> EventsAsync(string type)
    {
        await using var db = Gym.CreateDb();
        return await db.ClientEvents.Where(e => e.Type == type).OrderBy(e => e.Id).ToListAsync();
    }

    public ValueTask DisposeAsync() => Gym.DisposeAsync();
}
