using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Dashboard;

/// <summary>
/// A known gym for the dashboard's figures, at <see cref="TestGym.DefaultNow"/> (Tuesday 10 March 2026, 10:00 in
/// Madrid, UTC+1): every row is placed so that each figure and its previous value differ, and the edges sit on
/// both sides — an email at 00:15 gym time that is still the day before in UTC, one at 23:30 gym time — and one
/// alert was closed before it was opened, as a clock out of step can leave it.
/// </summary>
internal static class DashboardData
{
    public static async Task SeedAsync(TestGym gym)
    {
        var now = gym.Clock.UtcNow;
        DateTime Local(int month, int day, int hour, int minute = 0) => gym.Clock.ToUtc(new DateTime(2026, month, day, hour, minute, 0));
        await using var db = gym.CreateDb();

        var ben = new StaffUser { Id = "ben", UserName = "ben@test.gym", Email = "ben@test.gym", DisplayName = "Ben" };
        db.Users.Add(ben);

        Client NewClient(string name, ClientStatus status, PipelineStage stage)
        {
            var client = new Client { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com", Status = status, Stage = stage, CreatedAt = now.AddDays(-200), UpdatedAt = now };
            db.Clients.Add(client);
            return client;
        }

        Client Member(string name, DateOnly since, params int[] visitedDaysAgo)
        {
            var client = NewClient(name, ClientStatus.Active, PipelineStage.Member);
            client.Memberships.Add(new Membership { Plan = "Monthly", StartDate = since, Status = MembershipStatus.Active, CreatedAt = now });
            foreach (var days in visitedDaysAgo)
            {
                client.Visits.Add(new Visit { VisitedAt = now.AddDays(-days) });
            }

            return client;
        }

        var longAgo = new DateOnly(2025, 1, 1);
        var m1 = Member("M1", new DateOnly(2026, 3, 5), 1, 3);
        var m2 = Member("M2", longAgo, 10);
        var m3 = Member("M3", longAgo, 20);
        var m4 = Member("M4", longAgo, 40);
        var m5 = Member("M5", longAgo, 100);
        var m6 = Member("M6", longAgo);
        var former = NewClient("Former", ClientStatus.Inactive, PipelineStage.Member);
        former.Memberships.Add(new Membership { Plan = "Monthly", StartDate = longAgo, EndDate = new DateOnly(2026, 1, 31), Status = MembershipStatus.Expired, CreatedAt = now });

        var l1 = NewClient("L1", ClientStatus.Lead, PipelineStage.HotLead);
        var l2 = NewClient("L2", ClientStatus.Lead, PipelineStage.New);
        var l3 = NewClient("L3", ClientStatus.Lead, PipelineStage.Contacted);
        var l4 = NewClient("L4", ClientStatus.Lead, PipelineStage.HotLead);

        // Stage history: L1 and L2 were hot a week ago (L2 has gone back to New since), so was M1 before converting;
        // L4 became hot after. The rows the save adds for the clients' creation come later, at now.
        StageChange Stage(Client client, PipelineStage to, int daysAgo) => new() { Client = client, ToStage = to, At = now.AddDays(-daysAgo) };
        db.StageChanges.AddRange(
            Stage(l1, PipelineStage.HotLead, 10), Stage(l2, PipelineStage.HotLead, 9), Stage(l2, PipelineStage.New, 1),
            Stage(m1, PipelineStage.HotLead, 20), Stage(m1, PipelineStage.Member, 5), Stage(l4, PipelineStage.Contacted, 30), Stage(l4, PipelineStage.HotLead, 2));

        // Saving records when each rule and workflow was created and switched: both rules were on a week ago, one is off
        // since; of the workflows only Welcome was on then (the default rules, added at now, came later).
        var rule = new ScoringRule { Name = "Dashboard test rule", EventType = ClientEventTypes.VisitRegistered, Points = 10, IsActive = true, CreatedAt = now.AddDays(-14), UpdatedAt = now.AddDays(-14) };
        var ruleOff = new ScoringRule { Name = "Dashboard test rule, off", EventType = ClientEventTypes.ClassBooked, Points = 5, IsActive = true, CreatedAt = now.AddDays(-14), UpdatedAt = now.AddDays(-14) };
        db.ScoringRules.AddRange(rule, ruleOff);
        await db.SaveChangesAsync();
        ruleOff.IsActive = false;
        ruleOff.UpdatedAt = now.AddDays(-2);

        db.LeadScores.AddRange(
            new LeadScore { ClientId = l1.Id, Score = 80, UpdatedAt = now.AddDays(-5) },
            new LeadScore { ClientId = l2.Id, Score = 0, UpdatedAt = now.AddDays(-1) },
            new LeadScore { ClientId = l4.Id, Score = 30, UpdatedAt = now.AddDays(-2) });
        ScoreEntry Entry(Client lead, int daysAgo, int after) =>
            new() { ClientId = lead.Id, RuleId = rule.Id, EventType = rule.EventType, Points = 10, RulePoints = 10, ScoreAfter = after, At = now.AddDays(-daysAgo), Reason = rule.Name };
        db.ScoreEntries.AddRange(Entry(l1, 5, 80), Entry(l2, 9, 20), Entry(l2, 1, 0), Entry(l4, 2, 30));

        ClientEvent Event(Client client, string type, int daysAgo) =>
            new() { Type = type, ClientId = client.Id, OccurredAt = now.AddDays(-daysAgo), RecordedAt = now.AddDays(-daysAgo), Status = EventStatus.Processed };
        db.ClientEvents.AddRange(
            Event(m1, ClientEventTypes.LeadCreated, 40), Event(m1, ClientEventTypes.MembershipCreated, 5),
            Event(m5, ClientEventTypes.LeadCreated, 20), Event(m5, ClientEventTypes.MembershipCreated, 10),
            Event(m2, ClientEventTypes.LeadCreated, 50), Event(m2, ClientEventTypes.MembershipCreated, 45),
            Event(m3, ClientEventTypes.MembershipCreated, 3),
            Event(m4, ClientEventTypes.LeadCreated, 100), Event(m4, ClientEventTypes.MembershipCreated, 90), Event(m4, ClientEventTypes.MembershipCreated, 2));

        var workflow = new EmailWorkflow { Name = "Welcome", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, CreatedAt = now.AddDays(-30), UpdatedAt = now.AddDays(-30) };
        for (var position = 1; position <= 4; position++)
        {
            workflow.Steps.Add(new WorkflowStep { Position = position, Name = $"Step {position}", Subject = "Hi", Body = "Hello" });
        }

        var winBack = new EmailWorkflow { Name = "Win back", TriggerEvent = ClientEventTypes.InactiveForDays, TriggerDays = 30, IsActive = false, CreatedAt = now.AddDays(-20), UpdatedAt = now.AddDays(-20) };
        var draft = new EmailWorkflow { Name = "Draft", TriggerEvent = ClientEventTypes.LeadCreated, IsActive = true, CreatedAt = now.AddDays(-10), UpdatedAt = now.AddDays(-10) };
        db.EmailWorkflows.AddRange(workflow, winBack, draft);
        WorkflowEnrolment Enrol(Client client, EnrolmentStatus status, int enrolledDaysAgo, int? endedDaysAgo = null)
        {
            var enrolment = new WorkflowEnrolment
            {
                Workflow = workflow, Client = client, Status = status, EnrolledAt = now.AddDays(-enrolledDaysAgo), EndedAt = endedDaysAgo is { } ended ? now.AddDays(-ended) : null,
            };
            db.WorkflowEnrolments.Add(enrolment);
            return enrolment;
        }

        var e1 = Enrol(l1, EnrolmentStatus.Active, 10);
        var e2 = Enrol(l2, EnrolmentStatus.Active, 2);
        Enrol(l3, EnrolmentStatus.Active, 1);
        var e4 = Enrol(l4, EnrolmentStatus.Completed, 20, 3);
        Enrol(m1, EnrolmentStatus.Completed, 20, 8);
        await db.SaveChangesAsync();
        winBack.IsActive = true;
        winBack.UpdatedAt = now.AddDays(-3);
        draft.IsActive = false;
        draft.UpdatedAt = now.AddDays(-8);

        var steps = workflow.Steps.OrderBy(s => s.Position).ToList();
        var sends = new (WorkflowEnrolment Enrolment, int Step, DateTime? SentAt, bool Opened, bool Clicked)[]
        {
            (e1, 0, Local(3, 10, 9, 30), true, true),
            (e2, 0, Local(3, 10, 0, 15), false, false),
            (e1, 1, Local(3, 9, 23, 30), true, false),
            (e2, 1, Local(3, 5, 12), true, false),
            (e4, 0, Local(3, 3, 23, 30), true, true),
            (e4, 1, Local(2, 26, 10), false, false),
            (e4, 2, Local(2, 20, 10), false, false),
            (e4, 3, null, false, false),
        };
        foreach (var (enrolment, step, sentAt, opened, clicked) in sends)
        {
            db.EmailSends.Add(new EmailSend
            {
                EnrolmentId = enrolment.Id, StepId = steps[step].Id, WorkflowId = workflow.Id, ClientId = enrolment.ClientId,
                Status = sentAt is null ? EmailSendStatus.Failed : EmailSendStatus.Sent, ClaimedAt = sentAt ?? now, SentAt = sentAt,
                ToAddress = "lead@example.com", Subject = "Hi", HtmlBody = "<p>Hello</p>", TextBody = "Hello",
                OpenedAt = opened ? sentAt!.Value.AddHours(1) : null, ClickedAt = clicked ? sentAt!.Value.AddHours(1) : null,
            });
        }

        RetentionAlert Alert(Client client, AlertType type, AlertStatus status, int risk, DateTime createdAt, DateTime? closedAt = null, string? assignedTo = null) =>
            new()
            {
                Client = client, Type = type, RuleName = "Test rule", RiskScore = risk, Status = status, AssignedToId = assignedTo,
                CreatedAt = createdAt, UpdatedAt = closedAt ?? createdAt, ClosedAt = closedAt, Facts = new AlertFacts { Days = 14 },
            };
        void AssignmentLines(RetentionAlert alert, params (AlertActivityKind Kind, int DaysAgo)[] lines)
        {
            foreach (var (kind, daysAgo) in lines)
            {
                alert.Activity.Add(new AlertActivity { At = now.AddDays(daysAgo), Kind = kind, StaffId = ben.Id, StaffName = ben.DisplayName });
            }
        }

        // Of the four alerts open a week ago, m4's was assigned then (its last two lines share a time: the later one counts).
        var m4Alert = Alert(m4, AlertType.NoAttendance, AlertStatus.Resolved, 75, now.AddDays(-20), now.AddDays(-2));
        AssignmentLines(m4Alert, (AlertActivityKind.Assigned, -15), (AlertActivityKind.Unassigned, -10), (AlertActivityKind.Assigned, -10), (AlertActivityKind.Unassigned, -3));
        var m6Alert = Alert(m6, AlertType.NoAttendance, AlertStatus.Dismissed, 40, now.AddDays(-9), now.AddHours(-1));
        AssignmentLines(m6Alert, (AlertActivityKind.Assigned, -5));
        var m1Alert = Alert(m1, AlertType.NoAttendance, AlertStatus.Dismissed, 95, now.AddDays(-12), now.AddDays(-6));
        AssignmentLines(m1Alert, (AlertActivityKind.Assigned, -11), (AlertActivityKind.Unassigned, -8));
        db.RetentionAlerts.AddRange(
            Alert(m2, AlertType.NoAttendance, AlertStatus.Open, 80, now.AddDays(-10)),
            Alert(m3, AlertType.NoAttendance, AlertStatus.InProgress, 50, now.AddDays(-3), assignedTo: ben.Id),
            m4Alert,
            Alert(m5, AlertType.NoAttendance, AlertStatus.Resolved, 60, now.AddHours(-30), now.AddHours(-6)),
            Alert(m6, AlertType.NoFirstVisit, AlertStatus.Resolved, 60, new DateTime(2026, 2, 28, 12, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc)),
            m6Alert,
            Alert(l3, AlertType.NoAttendance, AlertStatus.Open, 90, now.AddDays(-1)),
            Alert(m5, AlertType.PaymentFailed, AlertStatus.Resolved, 60, now.AddDays(-50), now.AddDays(-40)),
            m1Alert,
            Alert(m2, AlertType.PaymentFailed, AlertStatus.Resolved, 60, now.AddDays(-3), now.AddHours(-23)),
            Alert(m3, AlertType.LowClassBooking, AlertStatus.Resolved, 60, now.AddDays(-14), now.AddDays(-15)));
        await db.SaveChangesAsync();
    }
}
