using GymAutomation.Core.Clients;
using GymAutomation.Core.Retention;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

/// <summary>Freezes across the retention scan and the membership's end date.</summary>
public sealed class FreezeTests : IAsyncLifetime
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private RetentionGym gym = null!;

    public async Task InitializeAsync() => gym = await RetentionGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    private Freezes Freezes => gym.Gym.Get<Freezes>();

    [Fact]
    public async Task A_frozen_member_raises_no_attendance_alert_and_an_open_one_resolves_as_frozen()
    {
        var injured = await gym.MemberAsync("Injured");
        var travelling = await gym.MemberAsync("Travelling");
        var away = await gym.MemberAsync("Away");
        foreach (var client in new[] { injured, travelling, away })
        {
            await gym.VisitedAsync(client, 20 * Day);
        }

        await gym.ScanAsync();
        var open = await gym.SingleAlertAsync(injured);
        await FreezeAsync(injured, gym.Today.AddDays(-2), gym.Today.AddDays(10));
        await gym.ScanAsync();

        var resolved = await gym.SingleAlertAsync(injured);
        Assert.Equal((open.Id, AlertStatus.Resolved, AlertOutcome.Frozen, true), (resolved.Id, resolved.Status, resolved.Outcome, resolved.ClosedAutomatically));
        Assert.Equal(AlertStatus.Open, (await gym.SingleAlertAsync(away)).Status);

        await using (var db = gym.Gym.CreateDb())
        {
            await db.RetentionAlerts.Where(a => a.ClientId == travelling).ExecuteDeleteAsync();
        }

        await FreezeAsync(travelling, gym.Today, gym.Today.AddDays(5));
        var result = await gym.ScanAsync();
        Assert.Empty(await gym.AlertsAsync(travelling));
        Assert.Equal(0, result.Opened);
    }

    [Fact]
    public async Task A_frozen_member_who_stopped_booking_raises_no_low_booking_alert()
    {
        var frozen = await gym.MemberAsync("Frozen");
        var booker = await gym.MemberAsync("Booker");
        foreach (var client in new[] { frozen, booker })
        {
            await gym.VisitedAsync(client, Day);
            await gym.BookedAsync(client, 40 * Day);
        }

        await FreezeAsync(frozen, gym.Today, gym.Today.AddDays(3));
        await gym.ScanAsync();

        Assert.Empty(await gym.AlertsAsync(frozen));
        Assert.Equal(AlertType.LowClassBooking, (await gym.SingleAlertAsync(booker)).Type);
    }

    [Fact]
    public async Task When_the_freeze_ends_the_member_is_back_under_the_rules()
    {
        var member = await gym.MemberAsync("Back");
        await gym.VisitedAsync(member, 20 * Day);
        await FreezeAsync(member, gym.Today, gym.Today.AddDays(4));
        await gym.ScanAsync();
        Assert.Empty(await gym.AlertsAsync(member));

        gym.Advance(4 * Day);
        await gym.ScanAsync();
        Assert.Empty(await gym.AlertsAsync(member));

        gym.Advance(Day);
        await gym.ScanAsync();
        var alert = await gym.SingleAlertAsync(member);
        Assert.Equal((AlertType.NoAttendance, AlertStatus.Open), (alert.Type, alert.Status));
    }

    [Fact]
    public async Task A_freeze_moves_the_membership_end_by_its_days_and_ending_it_early_moves_it_back_by_the_days_left()
    {
        var member = await gym.MemberAsync("Ends", end: gym.Today.AddDays(30));
        var freeze = await FreezeAsync(member, gym.Today, gym.Today.AddDays(9));
        Assert.Equal(gym.Today.AddDays(40), await EndAsync(member));

        gym.Advance(3 * Day);
        Assert.True(await Freezes.EndEarlyAsync(freeze.Id));

        Assert.Equal(gym.Today.AddDays(-3 + 33), await EndAsync(member));
        await using var db = gym.Gym.CreateDb();
        var ended = await db.MembershipFreezes.SingleAsync();
        Assert.Equal((gym.Today.AddDays(-1), 3), (ended.EndDate, ended.ExtendedDays));
        Assert.False(await Freezes.EndEarlyAsync(freeze.Id + 1));
    }

    [Fact]
    public async Task Ending_a_planned_freeze_early_removes_it_and_gives_back_all_its_days()
    {
        var member = await gym.MemberAsync("Planned", end: gym.Today.AddDays(30));
        var freeze = await FreezeAsync(member, gym.Today.AddDays(5), gym.Today.AddDays(9));
        Assert.Equal(gym.Today.AddDays(35), await EndAsync(member));

        Assert.True(await Freezes.EndEarlyAsync(freeze.Id));

        Assert.Equal(gym.Today.AddDays(30), await EndAsync(member));
        Assert.Empty(await Freezes.CurrentAndPlannedAsync(member));
    }

    [Fact]
    public async Task Overlapping_or_invalid_freezes_are_refused_next_to_their_field_and_write_nothing()
    {
        var member = await gym.MemberAsync("Member", end: gym.Today.AddDays(30));
        var lead = await gym.LeadAsync("Lead");
        await FreezeAsync(member, gym.Today.AddDays(2), gym.Today.AddDays(8));

        var backwards = await Freezes.FreezeAsync(member, Input(gym.Today.AddDays(20), gym.Today.AddDays(19)));
        var overlapping = await Freezes.FreezeAsync(member, Input(gym.Today.AddDays(8), gym.Today.AddDays(12)));
        var noMembership = await Freezes.FreezeAsync(lead, Input(gym.Today, gym.Today.AddDays(2)));
        var noReason = await Freezes.FreezeAsync(member, new FreezeInput { StartDate = gym.Today.AddDays(20), EndDate = gym.Today.AddDays(21) });

        Assert.Equal([nameof(FreezeInput.EndDate)], backwards.Errors.Keys);
        Assert.Equal([nameof(FreezeInput.StartDate)], overlapping.Errors.Keys);
        Assert.Contains("overlaps", overlapping.Errors[nameof(FreezeInput.StartDate)][0], StringComparison.Ordinal);
        Assert.Equal([nameof(FreezeInput.StartDate)], noMembership.Errors.Keys);
        Assert.Equal([nameof(FreezeInput.Reason)], noReason.Errors.Keys);
        await using var db = gym.Gym.CreateDb();
        Assert.Equal(1, await db.MembershipFreezes.CountAsync());
        Assert.Equal(gym.Today.AddDays(37), await EndAsync(member));
    }

    [Fact]
    public async Task With_the_setting_off_a_freeze_leaves_the_membership_end_where_it_was()
    {
        await using var off = await RetentionGym.StartAsync(new Dictionary<string, string?> { ["Freezes:ExtendMembershipEnd"] = "false" });
        var member = await off.MemberAsync("Fixed", end: off.Today.AddDays(30));

        var saved = await off.Gym.Get<Freezes>().FreezeAsync(member, Input(off.Today, off.Today.AddDays(9)));

        Assert.True(saved.Succeeded);
        Assert.Equal(0, saved.Value!.ExtendedDays);
        await using var db = off.Gym.CreateDb();
        Assert.Equal(off.Today.AddDays(30), await db.Memberships.Where(m => m.ClientId == member).Select(m => m.EndDate).SingleAsync());
    }

    private static FreezeInput Input(DateOnly from, DateOnly to) => new() { Reason = "Knee injury", StartDate = from, EndDate = to };

    private async Task<MembershipFreeze> FreezeAsync(int clientId, DateOnly from, DateOnly to)
    {
        var saved = await Freezes.FreezeAsync(clientId, Input(from, to));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        return saved.Value!;
    }

    private async Task<DateOnly?> EndAsync(int clientId)
    {
        await using var db = gym.Gym.CreateDb();
        return await db.Memberships.Where(m => m.ClientId == clientId).Select(m => m.EndDate).SingleAsync();
    }
}
