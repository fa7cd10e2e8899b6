using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Scoring;

public sealed class ScoringHandlerTests : IAsyncLifetime
{
    private ScoringGym scoring = default!;

    public async Task InitializeAsync() => scoring = await ScoringGym.StartAsync();

    public async Task DisposeAsync() => await scoring.DisposeAsync();

    [Fact]
    public async Task A_gym_starts_with_the_seven_default_rules_and_the_hot_lead_automation()
    {
        var rules = await scoring.Gym.Get<ScoringRules>().ListAsync();
        var automations = await scoring.Gym.Get<ScoringAutomations>().ListAsync();

        Assert.Equal(
            [
                ("Visita Registrada", "VISIT_REGISTERED", 10), ("Clase Reservada", "CLASS_BOOKED", 15), ("Compra Realizada", "PURCHASE_MADE", 25),
                ("Email Abierto", "EMAIL_OPENED", 5), ("Formulario Enviado", "FORM_SUBMITTED", 20), ("Respondió Mensaje", "MESSAGE_REPLIED", 15),
                ("Días Sin Respuesta", "INACTIVE_FOR_DAYS", -5),
            ],
            rules.Select(r => (r.Name, r.EventType, r.Points)));
        Assert.All(rules, r => Assert.True(r.IsActive));
        var automation = Assert.Single(automations);
        Assert.Equal((70, AutomationAction.MoveToStage, PipelineStage.HotLead, true), (automation.Threshold, automation.Action, automation.TargetStage, automation.IsActive));
    }

    [Fact]
    public async Task Visit_adds_ten_points_once_per_event_even_when_the_event_is_delivered_twice()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.VisitAsync(ana);
        Assert.Equal(10, await scoring.ScoreOfAsync(ana));

        await using (var db = scoring.Gym.CreateDb())
        {
            // A redelivery: the events are handed to the engines again, as after a retry from the parked list.
            await db.ClientEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EventStatus.Pending));
        }

        Assert.Equal(3, await scoring.DrainAsync());
        Assert.Equal(10, await scoring.ScoreOfAsync(ana));
        var entry = Assert.Single(await scoring.LedgerAsync(ana));
        Assert.Equal(("Visita Registrada", ClientEventTypes.VisitRegistered, 10, 10, 10), (entry.Reason, entry.EventType, entry.Points, entry.RulePoints, entry.ScoreAfter));
        Assert.Single(scoring.Published.OfType<ScoreChanged>());
    }

    [Fact]
    public async Task Every_active_rule_on_the_type_applies_once_and_an_inactive_rule_does_not()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        var bonus = await scoring.AddRuleAsync("Visit bonus", ClientEventTypes.VisitRegistered, 3);
        await scoring.VisitAsync(ana);
        Assert.Equal(13, await scoring.ScoreOfAsync(ana));

        await scoring.Gym.Get<ScoringRules>().SetActiveAsync(bonus.Id, false);
        await scoring.VisitAsync(ana);

        Assert.Equal(23, await scoring.ScoreOfAsync(ana));
        Assert.Equal([10, 3, 10], (await scoring.LedgerAsync(ana)).Select(e => e.Points));
    }

    [Fact]
    public async Task Each_default_rule_scores_its_event_and_other_events_score_nothing()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        foreach (var type in ClientEventTypes.All.Where(t => t != ClientEventTypes.InactiveForDays))
        {
            await scoring.RecordAsync(ana, type);
        }

        Assert.Equal(10 + 15 + 25 + 5 + 20 + 15, await scoring.ScoreOfAsync(ana));
        Assert.Equal(
            [ClientEventTypes.VisitRegistered, ClientEventTypes.ClassBooked, ClientEventTypes.PurchaseMade, ClientEventTypes.EmailOpened, ClientEventTypes.FormSubmitted, ClientEventTypes.MessageReplied],
            (await scoring.LedgerAsync(ana)).Select(e => e.EventType));
    }

    [Fact]
    public async Task The_days_without_response_rule_is_left_to_the_weekly_decay_and_never_scores_an_event()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.VisitAsync(ana);

        await scoring.RecordAsync(ana, ClientEventTypes.InactiveForDays);

        Assert.Equal(10, await scoring.ScoreOfAsync(ana));
    }

    [Fact]
    public async Task Only_leads_are_scored()
    {
        var member = (await scoring.Gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Marta", Status = ClientStatus.Active, Stage = PipelineStage.Member })).Value!.Id;

        await scoring.VisitAsync(member);

        Assert.Equal(0, await scoring.ScoreOfAsync(member));
        Assert.Empty(await scoring.LedgerAsync(member));
    }

    [Fact]
    public async Task A_score_never_goes_below_zero_and_the_ledger_records_the_points_actually_removed()
    {
        var ana = await scoring.CreateLeadAsync("Ana");
        await scoring.AddRuleAsync("Cancelled a class", ClientEventTypes.ClassCancelled, -20);
        await scoring.VisitAsync(ana);

        await scoring.RecordAsync(ana, ClientEventTypes.ClassCancelled);
        await scoring.RecordAsync(ana, ClientEventTypes.ClassCancelled);

        Assert.Equal(0, await scoring.ScoreOfAsync(ana));
        Assert.Equal(
            [(10, 10, 10), (-10, -20, 0), (0, -20, 0)],
            (await scoring.LedgerAsync(ana)).Select(e => (e.Points, e.RulePoints, e.ScoreAfter)));
        Assert.Equal([(0, 10, 10), (10, 0, -10)], scoring.Published.OfType<ScoreChanged>().Select(c => (c.OldScore, c.NewScore, c.Points)));
    }

    [Fact]
    public async Task Every_change_is_published_with_the_lead_its_reason_and_its_stage()
    {
        var ana = await scoring.CreateLeadAsync("Ana", PipelineStage.Contacted);

        await scoring.VisitAsync(ana);

        var change = Assert.Single(scoring.Published.OfType<ScoreChanged>());
        Assert.Equal((ana, "Ana Test", 0, 10, 10, "Visita Registrada", PipelineStage.Contacted, scoring.Gym.Clock.UtcNow),
            (change.ClientId, change.Name, change.OldScore, change.NewScore, change.Points, change.Reason, change.Stage, change.At));
    }
}
