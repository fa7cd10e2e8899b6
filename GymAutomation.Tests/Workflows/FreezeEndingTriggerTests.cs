using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Tests.Workflows;

/// <summary>"A freeze ends in 3 days" starts a workflow once per freeze, read by <c>check-members</c> on a fake clock.</summary>
public sealed class FreezeEndingTriggerTests : IAsyncLifetime
{
    private TriggerGym gym = default!;

    public async Task InitializeAsync() => gym = await TriggerGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public void A_marketer_can_pick_it_as_a_workflow_trigger() =>
        Assert.Contains(ClientEventTypes.FreezeEnding, WorkflowTriggers.All);

    [Fact]
    public async Task A_freeze_ending_in_3_days_enrols_its_member_once_per_freeze()
    {
        var welcomeBack = await gym.AddWorkflowAsync(ClientEventTypes.FreezeEnding, policy: ReenrolmentPolicy.Always);
        var marta = await gym.CreateMemberAsync("Marta");
        var pablo = await gym.CreateMemberAsync("Pablo");
        await FreezeAsync(marta, gym.Today, gym.Today.AddDays(7));
        await FreezeAsync(marta, gym.Today.AddDays(20), gym.Today.AddDays(24));
        await FreezeAsync(pablo, gym.Today, gym.Today.AddDays(30));

        gym.AdvanceDays(3);
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        gym.AdvanceDays(1);
        Assert.Equal(1, await gym.RunCheckMembersAsync());
        gym.AdvanceDays(1);
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        await gym.DrainAsync();
        Assert.Equal([marta], await gym.EnrolledAsync(welcomeBack.Id));

        gym.AdvanceDays(16);
        Assert.Equal(1, await gym.RunCheckMembersAsync());
        Assert.Equal(0, await gym.RunCheckMembersAsync());
        await gym.DrainAsync();

        var events = await gym.EventsAsync(ClientEventTypes.FreezeEnding);
        Assert.Equal([marta, marta], events.Select(e => e.ClientId));
        Assert.Equal("""{"endsOn":"2026-03-17"}""", events[0].Data);
        Assert.Equal([marta, marta], await gym.EnrolledAsync(welcomeBack.Id));
    }

    private async Task FreezeAsync(int clientId, DateOnly from, DateOnly to)
    {
        var saved = await gym.Gym.Get<Freezes>().FreezeAsync(clientId, new FreezeInput { Reason = "Travel", StartDate = from, EndDate = to });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
    }
}
