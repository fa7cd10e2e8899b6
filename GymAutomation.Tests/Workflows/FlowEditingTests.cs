using GymAutomation.Core.Calendar;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Workflows;

/// <summary>A tree of steps saved and read back, and clients part-way through it when it changes, against a real SMTP server.</summary>
public sealed class FlowEditingTests : IAsyncLifetime
{
    private SmtpTestServer smtp = default!;
    private TestGym gym = default!;

    private WorkflowEditor Editor => gym.Get<WorkflowEditor>();

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        gym = await TestGym.StartAsync(smtp.Settings());
    }

    public async Task DisposeAsync()
    {
        await gym.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_branching_flow_is_saved_and_read_back_path_by_path_and_bad_steps_in_a_branch_are_keyed_by_their_place()
    {
        using var english = new CultureScope("en");
        var draft = Draft(
            Email("Hola"),
            new StepDraft
            {
                Kind = StepKind.WaitUntil, EventType = ClientEventTypes.EmailOpened, WaitDays = 3,
                Yes = [Email("A")],
                No = [StepDraft.Wait(1), Email("B")],
            },
            Email("Adiós"));

        var saved = await Editor.SaveAsync(null, draft);

        Assert.True(saved.Succeeded);
        var read = (await Editor.LoadAsync(saved.Value!.Id))!;
        Assert.Equal([StepKind.Email, StepKind.WaitUntil, StepKind.Email], read.Steps.Select(s => s.Kind));
        Assert.Equal(["A"], read.Steps[1].Yes.Select(s => s.Name));
        Assert.Equal([StepKind.Wait, StepKind.Email], read.Steps[1].No.Select(s => s.Kind));
        Assert.Equal((ClientEventTypes.EmailOpened, 3), (read.Steps[1].EventType, read.Steps[1].WaitDays));

        read.Steps[1].No[1].Subject = "{{ client.shoe_size }}";
        read.Steps[1].Yes.Add(new StepDraft { Kind = StepKind.IfElse, Condition = StepCondition.ScoreAtLeast });
        var refused = await Editor.SaveAsync(saved.Value.Id, read);
        Assert.Equal(["Steps[1].No[1].Subject", "Steps[1].Yes[1].ConditionNumber"], refused.Errors.Keys.Order());
    }

    [Fact]
    public async Task Deleting_a_branch_sends_its_clients_down_the_remaining_path_and_a_removed_wait_sends_them_to_the_next_step()
    {
        var saved = await Editor.SaveAsync(null, Draft(
            Email("Hola"),
            new StepDraft
            {
                Kind = StepKind.IfElse, Condition = StepCondition.IsMember,
                Yes = [StepDraft.Wait(2), Email("Socio")],
                No = [StepDraft.Wait(2), Email("Aún no")],
            }));
        var workflowId = saved.Value!.Id;
        await CreateLeadAsync("Bea");
        await RunAsync();
        Assert.Equal(["Hola"], smtp.Messages().Select(m => m.Subject));

        // Bea, a lead, waits on the no path; the marketer keeps only the yes path, in place of the question.
        var draft = (await Editor.LoadAsync(workflowId))!;
        var question = draft.Steps[1];
        draft.Steps.RemoveAt(1);
        draft.Steps.AddRange(question.Yes);
        Assert.True((await Editor.SaveAsync(workflowId, draft)).Succeeded);
        for (var day = 0; day < 4; day++)
        {
            gym.Time.Advance(TimeSpan.FromDays(1));
            await RunAsync();
        }

        Assert.Equal(["Hola", "Socio"], smtp.Messages().Select(m => m.Subject));

        // Carlos waits two days before "Socio"; that wait is removed: he gets it on the next round (the same day,
        // so the contact calendar's cap of one a day is raised for this test).
        Assert.True((await gym.Get<ContactCalendarSettings>().SaveCapAsync(2, 3, "test")).Succeeded);
        await CreateLeadAsync("Carlos");
        await RunAsync();
        draft = (await Editor.LoadAsync(workflowId))!;
        draft.Steps.RemoveAt(1);
        Assert.True((await Editor.SaveAsync(workflowId, draft)).Succeeded);
        await RunAsync();

        Assert.Equal(["Hola", "Socio", "Hola", "Socio"], smtp.Messages().Select(m => m.Subject));
        await using var db = gym.CreateDb();
        Assert.All(await db.WorkflowEnrolments.ToListAsync(), e => Assert.Equal(EnrolmentStatus.Completed, e.Status));
    }

    private static WorkflowDraft Draft(params StepDraft[] steps) => new()
    {
        Name = "Flujo", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, Steps = [.. steps],
    };

    private static StepDraft Email(string subject) => new() { Name = subject, Subject = subject, Body = $"<p>{subject}</p>" };

    private async Task CreateLeadAsync(string name)
    {
        await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com" });
        await gym.Get<Core.Events.EventDispatcher>().DrainAsync();
    }

    private async Task RunAsync()
    {
        await gym.Get<Core.Events.EventDispatcher>().DrainAsync();
        await gym.Get<WorkflowEngine>().ProcessAsync();
    }
}
