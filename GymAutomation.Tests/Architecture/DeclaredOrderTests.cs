using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Events;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Architecture;

/// <summary>Pieces that run in a sequence declare their place; registration order does not matter, and two claiming one place are refused.</summary>
public sealed class DeclaredOrderTests
{
    [Fact]
    public void Two_pieces_claiming_one_place_are_refused_with_both_names()
    {
        var clash = Assert.Throws<InvalidOperationException>(() => DeclaredOrder.Sort<object>([new First(), new Second()], _ => 100));

        Assert.Contains("First and Second both claim place 100", clash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pieces_run_by_their_place_whatever_order_they_were_registered_in()
    {
        Assert.Equal([nameof(First), nameof(Second)], DeclaredOrder.Sort<object>([new Second(), new First()], p => p is First ? 1 : 2).Select(p => p.GetType().Name));
    }

    [Fact]
    public async Task The_apps_start_up_tasks_event_handlers_and_demo_parts_each_have_a_place_of_their_own_in_the_stated_order()
    {
        await using var gym = await TestGym.StartAsync();
        await using var scope = gym.Services.CreateAsyncScope();

        Assert.Equal(
            ["InterruptedRunsSweep", "StaffBootstrapper", "DemoGymSeeder", "ScoringDefaultsTask", "RetentionDefaultsTask"],
            DeclaredOrder.Sort(gym.Services.GetServices<IStartupTask>(), t => t.Order).Select(t => t.GetType().Name));
        Assert.Equal(
            ["ScoringHandler", "EnrolmentHandler", "CheckInHandler"],
            DeclaredOrder.Sort(gym.Services.GetServices<IClientEventHandler>(), h => h.Order).Select(h => h.GetType().Name));
        var parts = DeclaredOrder.Sort(scope.ServiceProvider.GetServices<IDemoPart>(), p => p.Order).Select(p => p.GetType().Name).ToList();
        Assert.Equal(["DemoStaffPart", "DemoClientsPart"], parts.Take(2));
        Assert.Equal("DemoJobRunsPart", parts[^1]);
    }

    private sealed class First;

    private sealed class Second;
}
