using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Retention;
using GymAutomation.Web.Features.Retention.Board;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Retention;

public sealed class RetentionScanTests : IAsyncLifetime
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private RetentionGym gym = null!;

    public async Task InitializeAsync() => gym = await RetentionGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task No_visit_for_exactly_14_days_opens_an_alert_at_risk_70_and_13_days_23_hours_does_not()
    {
        var away = await gym.MemberAsync("Away");
        var almost = await gym.MemberAsync("Almost");
        await gym.VisitedAsync(away, 14 * Day);
        await gym.VisitedAsync(almost, (14 * Day) - TimeSpan.FromHours(1));

        var result = await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(away);
        Assert.Equal(AlertType.NoAttendance, alert.Type);
        Assert.Equal(70, alert.RiskScore);
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Equal("Sin Asistencia 14 días", alert.RuleName);
        Assert.Equal(gym.Now - (14 * Day), alert.Facts.LastVisitAt);
        Assert.Empty(await gym.AlertsAsync(almost));
        Assert.Equal(new ScanResult(2, 1, 0, 0), result);
    }

    [Fact]
    public async Task A_scan_reports_how_long_each_of_its_phases_took_to_a_metrics_listener()
    {
        var away = await gym.MemberAsync("Away");
        await gym.VisitedAsync(away, 20 * Day);
        var measured = new ConcurrentQueue<(string Phase, double Seconds)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ScanPhases.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) => measured.Enqueue(((string)tags[0].Value!, seconds)));
        listener.Start();

        Assert.Equal(1, (await gym.ScanAsync()).Opened);

        // Other tests' scans may run meanwhile and add theirs; each phase of this one is among them.
        Assert.Superset(
            new HashSet<string> { ScanPhases.UsualGaps, ScanPhases.Attendance, ScanPhases.Counts, ScanPhases.Reads, ScanPhases.OpenAlerts, ScanPhases.Matching, ScanPhases.Writing },
            measured.Select(m => m.Phase).ToHashSet());
        Assert.All(measured, m => Assert.InRange(m.Seconds, 0, 60));
    }

    [Fact]
    public async Task A_new_alert_goes_to_the_active_staff_member_who_looks_after_the_client_with_a_line_by_the_system()
    {
        var looked = await gym.MemberAsync("Looked");
        var left = await gym.MemberAsync("Left");
        var alone = await gym.MemberAsync("Alone");
        await using (var db = gym.Gym.CreateDb())
        {
            db.Users.Add(new StaffUser { Id = "lucia", UserName = "lucia@test.gym", Email = "lucia@test.gym", DisplayName = "Lucía" });
            db.Users.Add(new StaffUser { Id = "gone", UserName = "gone@test.gym", Email = "gone@test.gym", DisplayName = "Gone", IsActive = false });
            await db.SaveChangesAsync();
            await db.Clients.Where(c => c.Id == looked).ExecuteUpdateAsync(u => u.SetProperty(c => c.AssignedStaffId, "lucia"));
            await db.Clients.Where(c => c.Id == left).ExecuteUpdateAsync(u => u.SetProperty(c => c.AssignedStaffId, "gone"));
        }

        foreach (var client in new[] { looked, left, alone })
        {
            await gym.VisitedAsync(client, 20 * Day);
        }

        await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(looked);
        Assert.Equal("lucia", alert.AssignedToId);
        var line = Assert.Single(alert.Activity);
        Assert.Equal((AlertActivityKind.Assigned, null, "Lucía", gym.Now), (line.Kind, line.StaffId, line.Text, line.At));
        Assert.Null((await gym.SingleAlertAsync(left)).AssignedToId);
        Assert.Null((await gym.SingleAlertAsync(alone)).AssignedToId);
        Assert.Empty((await gym.SingleAlertAsync(alone)).Activity);
    }

    [Fact]
    public async Task At_30_days_the_same_alert_rises_from_70_to_90_with_a_history_line_instead_of_a_second_alert()
    {
        var away = await gym.MemberAsync("Away");
        await gym.VisitedAsync(away, 14 * Day);
        await gym.ScanAsync();
        var opened = await gym.SingleAlertAsync(away);

        gym.Advance(16 * Day);
        var result = await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(away);
        Assert.Equal(opened.Id, alert.Id);
        Assert.Equal(90, alert.RiskScore);
        Assert.Equal("Sin Asistencia 30 días", alert.RuleName);
        Assert.Equal((14, 30), (opened.Facts.Days, alert.Facts.Days));
        Assert.Equal(gym.Now.AddDays(-30), alert.Facts.LastVisitAt);
        Assert.Equal(opened.Version + 1, alert.Version);
        var line = Assert.Single(alert.Activity);
        Assert.Equal((AlertActivityKind.RiskRaised, 70, 90), (line.Kind, line.FromRisk, line.ToRisk));
        Assert.Equal(1, result.Raised);
    }

    [Fact]
    public async Task A_membership_ending_today_or_in_exactly_7_days_alerts_and_8_days_open_ended_or_expired_do_not()
    {
        var today = gym.Today;
        var endsToday = await ActiveMemberAsync("Today", end: today);
        var endsIn7 = await ActiveMemberAsync("Seven", end: today.AddDays(7));
        var endsIn8 = await ActiveMemberAsync("Eight", end: today.AddDays(8));
        var openEnded = await ActiveMemberAsync("Open", end: null);
        var expired = await ActiveMemberAsync("Expired", end: today.AddDays(-1));

        await gym.ScanAsync();

        foreach (var (id, ends) in new[] { (endsToday, today), (endsIn7, today.AddDays(7)) })
        {
            var alert = await gym.SingleAlertAsync(id);
            Assert.Equal((AlertType.MembershipExpiring, 50, ends), (alert.Type, alert.RiskScore, alert.Facts.EndsOn));
        }

        Assert.Empty(await gym.AlertsAsync(endsIn8));
        Assert.Empty(await gym.AlertsAsync(openEnded));
        Assert.Empty(await gym.AlertsAsync(expired));
    }

    [Fact]
    public async Task Leads_clients_without_a_current_membership_and_cancelled_members_are_never_alerted_and_a_trial_is()
    {
        var lead = await gym.LeadAsync("Lead");
        var future = await gym.MemberAsync("Future", start: gym.Today.AddDays(3));
        var cancelled = await gym.MemberAsync("Cancelled", membership: MembershipStatus.Cancelled);
        var trial = await gym.MemberAsync("Trial", start: gym.Today.AddDays(-20), end: gym.Today.AddDays(5), membership: MembershipStatus.Trial, status: ClientStatus.Lead);
        foreach (var id in new[] { lead, future, cancelled, trial })
        {
            await gym.VisitedAsync(id, 40 * Day);
        }

        var result = await gym.ScanAsync();

        Assert.Empty(await gym.AlertsAsync(lead));
        Assert.Empty(await gym.AlertsAsync(future));
        Assert.Empty(await gym.AlertsAsync(cancelled));
        Assert.Equal([AlertType.MembershipExpiring, AlertType.NoFirstVisit], (await gym.AlertsAsync(trial)).Select(a => a.Type).Order());
        Assert.Equal(1, result.Members);
    }

    [Fact]
    public async Task A_check_in_resolves_a_no_attendance_alert_at_once_without_waiting_for_the_scan()
    {
        var away = await ActiveMemberAsync("Away", lastVisit: 20 * Day);
        await gym.ScanAsync();
        var opened = await gym.SingleAlertAsync(away);

        await gym.CheckInAsync(away);

        var alert = await gym.SingleAlertAsync(away);
        Assert.Equal((AlertStatus.Resolved, AlertOutcome.Returned, true), (alert.Status, alert.Outcome, alert.ClosedAutomatically));
        Assert.Equal(gym.Now, alert.ClosedAt);
        Assert.Contains(gym.Published.OfType<AlertChanged>(), c => c.AlertId == opened.Id && c.Status == AlertStatus.Resolved && c.ByStaffId == null);
        Assert.Equal(0, (await gym.ScanAsync()).Changed);
    }

    [Fact]
    public async Task A_visit_dated_three_days_ahead_does_not_suppress_the_no_attendance_alert_and_does_not_resolve_an_open_one()
    {
        var skewed = await ActiveMemberAsync("Skewed", lastVisit: 20 * Day);
        await gym.VisitedAsync(skewed, -3 * Day);
        var away = await ActiveMemberAsync("Away", lastVisit: 20 * Day);
        await gym.ScanAsync();
        var opened = await gym.SingleAlertAsync(away);
        await gym.VisitedAsync(away, -3 * Day);

        var result = await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(skewed);
        Assert.Equal((AlertType.NoAttendance, AlertStatus.Open, gym.Now - (20 * Day)), (alert.Type, alert.Status, alert.Facts.LastVisitAt));
        Assert.Equal((opened.Id, AlertStatus.Open), ((await gym.SingleAlertAsync(away)).Id, (await gym.SingleAlertAsync(away)).Status));
        Assert.Equal(0, result.Resolved);

        // Once the visit's time has come it is a visit like any other.
        gym.Advance((3 * Day) + TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await gym.ScanAsync()).Resolved);
    }

    [Fact]
    public async Task A_check_in_event_dated_three_days_ahead_does_not_resolve_the_open_alert()
    {
        var away = await ActiveMemberAsync("Away", lastVisit: 20 * Day);
        await gym.ScanAsync();
        await using (var db = gym.Gym.CreateDb())
        {
            var client = await db.Clients.SingleAsync(c => c.Id == away);
            var ahead = gym.Now + (3 * Day);
            db.Visits.Add(new Visit { ClientId = away, VisitedAt = ahead });
            gym.Gym.Get<EventOutbox>().Add(db, ClientEventTypes.VisitRegistered, client, ahead, EventSources.Api);
            await db.SaveChangesAsync();
        }

        await gym.Gym.Get<EventDispatcher>().DrainAsync();

        Assert.Equal(AlertStatus.Open, (await gym.SingleAlertAsync(away)).Status);
    }

    [Fact]
    public async Task A_dismissed_alert_stays_closed_for_the_cool_off_unless_its_risk_rises()
    {
        var away = await ActiveMemberAsync("Away", lastVisit: 14 * Day);
        await gym.ScanAsync();
        var alert = await gym.SingleAlertAsync(away);
        Assert.True((await gym.Gym.Get<RetentionAlerts>().DismissAsync(alert.Id, alert.Version, "On holiday until April", RetentionGym.Ana)).Succeeded);

        gym.Advance(Day);
        Assert.Equal(0, (await gym.ScanAsync()).Opened);

        gym.Advance(15 * Day);
        await gym.ScanAsync();
        var raised = (await gym.AlertsAsync(away)).Last();
        Assert.NotEqual(alert.Id, raised.Id);
        Assert.Equal((AlertStatus.Open, 90), (raised.Status, raised.RiskScore));
    }

    [Fact]
    public async Task After_the_cool_off_a_dismissed_condition_that_still_holds_opens_a_new_alert()
    {
        await using var shortCoolOff = await RetentionGym.StartAsync(new Dictionary<string, string?> { ["Retention:CoolOffDays"] = "5" });
        var expiring = await shortCoolOff.MemberAsync("Expiring", end: shortCoolOff.Today.AddDays(7));
        await shortCoolOff.VisitedAsync(expiring, Day);
        await shortCoolOff.ScanAsync();
        var alert = await shortCoolOff.SingleAlertAsync(expiring);
        Assert.True((await shortCoolOff.Gym.Get<RetentionAlerts>().DismissAsync(alert.Id, alert.Version, "Renewing at the desk", RetentionGym.Ana)).Succeeded);

        shortCoolOff.Advance(4 * Day);
        Assert.Equal(0, (await shortCoolOff.ScanAsync()).Opened);

        shortCoolOff.Advance(2 * Day);
        Assert.Equal(1, (await shortCoolOff.ScanAsync()).Opened);
        Assert.Equal([AlertStatus.Dismissed, AlertStatus.Open], (await shortCoolOff.AlertsAsync(expiring)).Select(a => a.Status));
    }

    [Fact]
    public async Task Two_people_changing_one_alert_the_second_gets_a_conflict_and_the_latest_state()
    {
        var away = await ActiveMemberAsync("Away", lastVisit: 15 * Day);
        await gym.ScanAsync();
        var seen = await gym.SingleAlertAsync(away);
        var alerts = gym.Gym.Get<RetentionAlerts>();

        var first = await alerts.ResolveAsync(seen.Id, seen.Version, AlertOutcome.Contacted, "Called, coming Monday", RetentionGym.Ana);
        var second = await alerts.DismissAsync(seen.Id, seen.Version, "Not interested", RetentionGym.Ben);

        Assert.True(first.Succeeded);
        Assert.Equal(AlertActionStatus.Conflict, second.Status);
        Assert.Equal(AlertStatus.Resolved, second.Alert!.Status);
        Assert.Equal("Called, coming Monday", second.Alert.ClosingNote);
        var stored = await gym.SingleAlertAsync(away);
        Assert.Equal((AlertStatus.Resolved, AlertOutcome.Contacted, "staff-ana"), (stored.Status, stored.Outcome, stored.ClosedById));
        Assert.DoesNotContain(stored.Activity, l => l.Kind == AlertActivityKind.Dismissed);
    }

    [Fact]
    public async Task A_closed_alert_is_not_resolved_dismissed_or_assigned_again_until_it_is_reopened()
    {
        var away = await ActiveMemberAsync("Away", lastVisit: 15 * Day);
        await gym.ScanAsync();
        var alerts = gym.Gym.Get<RetentionAlerts>();
        var closed = (await alerts.DismissAsync((await gym.SingleAlertAsync(away)).Id, 0, "Moved away", RetentionGym.Ana)).Alert!;

        var resolve = await alerts.ResolveAsync(closed.Id, closed.Version, AlertOutcome.Contacted, null, RetentionGym.Ben);
        var dismiss = await alerts.DismissAsync(closed.Id, closed.Version, "Again", RetentionGym.Ben);
        var assign = await alerts.AssignAsync(closed.Id, closed.Version, null, RetentionGym.Ben);

        Assert.All([resolve, dismiss, assign], r => Assert.Equal((AlertActionStatus.Invalid, "This alert is already closed; reopen it first."), (r.Status, r.Message)));
        var stored = await gym.SingleAlertAsync(away);
        Assert.Equal((AlertStatus.Dismissed, "Moved away", closed.Version), (stored.Status, stored.ClosingNote, stored.Version));

        Assert.True((await alerts.ReopenAsync(closed.Id, closed.Version, RetentionGym.Ben)).Succeeded);
        Assert.Equal((AlertStatus.Open, null), ((await gym.SingleAlertAsync(away)).Status, (await gym.SingleAlertAsync(away)).ClosingNote));
    }

    [Fact]
    public async Task A_scan_run_twice_in_a_row_changes_nothing_the_second_time()
    {
        await ActiveMemberAsync("Away", lastVisit: 31 * Day);
        await ActiveMemberAsync("Expiring", end: gym.Today.AddDays(3));
        var payer = await ActiveMemberAsync("Payer");
        await gym.PaidAsync(payer, 2 * Day, PaymentStatus.Failed);
        await gym.MemberAsync("Never", start: gym.Today.AddDays(-20));
        var first = await gym.ScanAsync();
        var before = await SnapshotAsync();

        var second = await gym.ScanAsync();

        Assert.Equal(4, first.Opened);
        Assert.Equal(0, second.Changed);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_rule_whose_risk_is_raised_raises_the_alerts_it_already_opened()
    {
        var payer = await ActiveMemberAsync("Payer");
        await gym.PaidAsync(payer, 2 * Day, PaymentStatus.Failed);
        await gym.ScanAsync();
        Assert.Equal(80, (await gym.SingleAlertAsync(payer)).RiskScore);

        await using (var db = gym.Gym.CreateDb())
        {
            await db.RetentionRules.Where(r => r.Type == AlertType.PaymentFailed).ExecuteUpdateAsync(s => s.SetProperty(r => r.RiskScore, 95));
        }

        var result = await gym.ScanAsync();

        Assert.Equal(1, result.Raised);
        Assert.Equal((95, AlertStatus.Open), ((await gym.SingleAlertAsync(payer)).RiskScore, (await gym.SingleAlertAsync(payer)).Status));
    }

    [Fact]
    public async Task A_renewal_a_payment_and_a_lapsed_membership_resolve_their_alerts_with_that_reason()
    {
        var renewing = await ActiveMemberAsync("Renewing", end: gym.Today.AddDays(5));
        var payer = await ActiveMemberAsync("Payer");
        await gym.PaidAsync(payer, 2 * Day, PaymentStatus.Failed);
        var leaving = await ActiveMemberAsync("Leaving", end: gym.Today.AddDays(1));
        await gym.ScanAsync();

        await gym.AddMembershipAsync(renewing, gym.Today.AddDays(6), gym.Today.AddDays(36));
        await gym.PaidAsync(payer, TimeSpan.FromHours(1), PaymentStatus.Paid);
        gym.Advance(2 * Day);
        var result = await gym.ScanAsync();

        Assert.Equal(AlertOutcome.Renewed, (await gym.SingleAlertAsync(renewing)).Outcome);
        Assert.Equal(AlertOutcome.Paid, (await gym.SingleAlertAsync(payer)).Outcome);
        var lapsed = await gym.SingleAlertAsync(leaving);
        Assert.Equal((AlertStatus.Resolved, AlertOutcome.MembershipEnded, true), (lapsed.Status, lapsed.Outcome, lapsed.ClosedAutomatically));
        Assert.Equal(3, result.Resolved);
        foreach (var (client, outcome) in new[] { (renewing, AlertOutcome.Renewed), (payer, AlertOutcome.Paid), (leaving, AlertOutcome.MembershipEnded) })
        {
            var alert = await gym.SingleAlertAsync(client);
            Assert.Equal((gym.Now, 1), (alert.ClosedAt!.Value, alert.Version));
            var line = Assert.Single(alert.Activity, l => l.Kind == AlertActivityKind.Resolved);
            Assert.Equal((gym.Now, outcome, null), (line.At, line.Outcome, line.StaffId));
        }

        // Each resolution is an ALERT_CLOSED event from the job, with its outcome, for the workflows and scoring rules that wait for one.
        await using var db = gym.Gym.CreateDb();
        var closed = await db.ClientEvents.Where(e => e.Type == ClientEventTypes.AlertClosed).ToListAsync();
        Assert.Equal([renewing, payer, leaving], closed.Select(e => e.ClientId).Order());
        Assert.All(closed, e => Assert.Equal((EventSources.Job, gym.Now, EventStatus.Pending), (e.Source, e.OccurredAt, e.Status)));
        Assert.Contains("\"outcome\":\"Renewed\"", closed.Single(e => e.ClientId == renewing).Data);
        Assert.Contains("\"outcome\":\"MembershipEnded\"", closed.Single(e => e.ClientId == leaving).Data);
    }

    [Fact]
    public async Task Resolving_alerts_in_bulk_one_of_which_staff_closed_meanwhile_throws_and_the_scan_reads_again()
    {
        var away = await ActiveMemberAsync("Away", lastVisit: 15 * Day);
        var gone = await ActiveMemberAsync("Gone", lastVisit: 15 * Day);
        await gym.ScanAsync();
        var (first, second) = (await gym.SingleAlertAsync(away), await gym.SingleAlertAsync(gone));
        Assert.True((await gym.Gym.Get<RetentionAlerts>().ResolveAsync(second.Id, second.Version, AlertOutcome.Contacted, "Called", RetentionGym.Ana)).Succeeded);

        await using (var db = gym.Gym.CreateDb())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => AlertClosing.ResolveAutomaticallyAsync(
                db, new EventOutbox(gym.Gym.Clock), [(AsRead(first), AlertOutcome.Returned), (AsRead(second), AlertOutcome.Returned)], gym.Now, CancellationToken.None));
        }

        Assert.Equal(AlertStatus.Open, (await gym.SingleAlertAsync(away)).Status);
        Assert.Equal((AlertOutcome.Contacted, "staff-ana"), ((await gym.SingleAlertAsync(gone)).Outcome, (await gym.SingleAlertAsync(gone)).ClosedById));
    }

    private static OpenAlert AsRead(RetentionAlert alert) => new(alert.Id, alert.ClientId, alert.Type, alert.RuleId, alert.RiskScore, alert.Version, alert.Facts);

    [Fact]
    public async Task A_failed_payment_alerts_within_14_days_unless_a_payment_succeeded_after_it()
    {
        var failed = await ActiveMemberAsync("Failed");
        await gym.PaidAsync(failed, 14 * Day, PaymentStatus.Failed, 45m);
        var old = await ActiveMemberAsync("Old");
        await gym.PaidAsync(old, (14 * Day) + TimeSpan.FromMinutes(1), PaymentStatus.Failed);
        var recovered = await ActiveMemberAsync("Recovered");
        await gym.PaidAsync(recovered, 3 * Day, PaymentStatus.Failed);
        await gym.PaidAsync(recovered, 2 * Day, PaymentStatus.Paid);

        await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(failed);
        Assert.Equal((AlertType.PaymentFailed, 80, 45m), (alert.Type, alert.RiskScore, alert.Facts.PaymentAmount));
        Assert.Empty(await gym.AlertsAsync(old));
        Assert.Empty(await gym.AlertsAsync(recovered));
    }

    [Fact]
    public async Task Fewer_than_2_bookings_in_30_days_alerts_a_member_who_used_to_book_and_not_one_who_never_did()
    {
        var dropped = await ActiveMemberAsync("Dropped");
        await gym.BookedAsync(dropped, 40 * Day);
        await gym.BookedAsync(dropped, 10 * Day);
        await gym.BookedAsync(dropped, 5 * Day, BookingStatus.Cancelled);
        var regular = await ActiveMemberAsync("Regular");
        await gym.BookedAsync(regular, 40 * Day);
        await gym.BookedAsync(regular, 10 * Day);
        await gym.BookedAsync(regular, 3 * Day);
        await ActiveMemberAsync("FloorOnly");

        await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(dropped);
        Assert.Equal((AlertType.LowClassBooking, 1, 2), (alert.Type, alert.Facts.Counted, alert.Facts.Threshold));
        Assert.Empty(await gym.AlertsAsync(regular));
        Assert.Equal([dropped], (await gym.AlertsAsync()).Select(a => a.ClientId));
    }

    [Fact]
    public async Task Half_of_the_last_6_bookings_cancelled_alerts_and_fewer_cancellations_or_bookings_do_not()
    {
        var half = await BookerAsync("Half", cancelled: 3, attended: 3);
        var fewer = await BookerAsync("Fewer", cancelled: 2, attended: 4);
        var few = await BookerAsync("Few", cancelled: 5, attended: 0);

        await gym.ScanAsync();

        var alert = Assert.Single(await gym.AlertsAsync(half), a => a.Type == AlertType.HighCancellationRate);
        Assert.Equal((3, 6, 60), (alert.Facts.Counted, alert.Facts.OutOf, alert.RiskScore));
        Assert.DoesNotContain(await gym.AlertsAsync(fewer), a => a.Type == AlertType.HighCancellationRate);
        Assert.DoesNotContain(await gym.AlertsAsync(few), a => a.Type == AlertType.HighCancellationRate);
    }

    [Fact]
    public async Task A_member_who_joined_14_days_ago_without_a_visit_since_is_alerted_and_a_check_in_resolves_it()
    {
        var joined14 = await gym.MemberAsync("Joined14", start: gym.Today.AddDays(-14));
        var joined13 = await gym.MemberAsync("Joined13", start: gym.Today.AddDays(-13));
        await gym.VisitedAsync(joined14, 20 * Day);

        await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(joined14);
        Assert.Equal((AlertType.NoFirstVisit, 75, gym.Today.AddDays(-14)), (alert.Type, alert.RiskScore, alert.Facts.JoinedOn));
        Assert.Empty(await gym.AlertsAsync(joined13));

        await gym.CheckInAsync(joined14);
        Assert.Equal(AlertStatus.Resolved, (await gym.SingleAlertAsync(joined14)).Status);
    }

    [Fact]
    public async Task Fewer_than_4_visits_in_the_first_30_days_alerts_and_reaching_4_resolves_it()
    {
        var slow = await gym.MemberAsync("Slow", start: gym.Today.AddDays(-30));
        var steady = await gym.MemberAsync("Steady", start: gym.Today.AddDays(-30));
        var recent = await gym.MemberAsync("Recent", start: gym.Today.AddDays(-29));
        foreach (var ago in new[] { 25, 18, 4 })
        {
            await gym.VisitedAsync(slow, ago * Day);
            await gym.VisitedAsync(steady, ago * Day);
            await gym.VisitedAsync(recent, ago * Day);
        }

        await gym.VisitedAsync(steady, 2 * Day);
        await gym.ScanAsync();

        var alert = await gym.SingleAlertAsync(slow);
        Assert.Equal((AlertType.LowEarlyAttendance, 3, 4), (alert.Type, alert.Facts.Counted, alert.Facts.Threshold));
        Assert.Empty(await gym.AlertsAsync(steady));
        Assert.Empty(await gym.AlertsAsync(recent));

        await gym.VisitedAsync(slow, TimeSpan.FromHours(2));
        await gym.ScanAsync();
        Assert.Equal((AlertStatus.Resolved, AlertOutcome.Returned), ((await gym.SingleAlertAsync(slow)).Status, (await gym.SingleAlertAsync(slow)).Outcome));
    }

    [Fact]
    public async Task An_inactive_rule_opens_nothing()
    {
        var away = await ActiveMemberAsync("Away", lastVisit: 20 * Day);
        await gym.SetRuleActiveAsync("Sin Asistencia 14 días", false);

        await gym.ScanAsync();

        Assert.Empty(await gym.AlertsAsync(away));
    }

    [Fact]
    public async Task An_alert_explains_itself_with_the_days_since_the_last_visit_and_its_date()
    {
        var away = await ActiveMemberAsync("Away", lastVisit: 17 * Day);
        await gym.ScanAsync();
        var alert = await gym.SingleAlertAsync(away);

        var text = gym.Gym.Get<AlertExplanation>().Explain(alert.Type, alert.Facts, System.Globalization.CultureInfo.GetCultureInfo("en"));

        Assert.Equal("No visit for 14 days: last visit 17 days ago, on 21 Feb 2026.", text);
    }

    [Fact]
    public async Task The_job_records_its_run_with_the_alerts_it_changed()
    {
        await ActiveMemberAsync("Away", lastVisit: 20 * Day);

        var run = await gym.Gym.Get<CheckRetentionAlertsJob>().RunAsync("test", CancellationToken.None);

        Assert.Equal((JobOutcome.Succeeded, 1), (run.Outcome, run.ItemsProcessed));
        await using var db = gym.Gym.CreateDb();
        Assert.True(await db.JobRuns.AnyAsync(r => r.JobName == CheckRetentionAlertsJob.JobName && r.ItemsProcessed == 1));
    }

    /// <summary>An active member who visited <paramref name="lastVisit"/> ago (yesterday by default), so only the rule under test matches.</summary>
    private async Task<int> ActiveMemberAsync(string name, DateOnly? end = null, TimeSpan? lastVisit = null)
    {
        var id = await gym.MemberAsync(name, end: end);
        await gym.VisitedAsync(id, lastVisit ?? Day);
        return id;
    }

    private async Task<int> BookerAsync(string name, int cancelled, int attended)
    {
        var id = await ActiveMemberAsync(name);
        for (var i = 0; i < cancelled + attended; i++)
        {
            await gym.BookedAsync(id, (i + 1) * 3 * Day, i < cancelled ? BookingStatus.Cancelled : BookingStatus.Attended);
        }

        return id;
    }

    private async Task<string> SnapshotAsync()
    {
        var alerts = await gym.AlertsAsync();
        return string.Join("\n", alerts.Select(a => $"{a.Id} {a.ClientId} {a.Type} {a.Status} {a.RiskScore} {a.Version} {a.UpdatedAt:O} {a.Activity.Count}"));
    }
}
