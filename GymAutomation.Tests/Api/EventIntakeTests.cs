using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Integrations;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Api;

public sealed class EventIntakeTests : IAsyncLifetime
{
    private TestGym gym = default!;
    private Client ana = default!;

    private EventIntake Intake => gym.Get<EventIntake>();

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        ana = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Ana", Email = "ana@example.com" })).Value!;
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_visit_from_the_kiosk_is_a_visit_with_its_events_stamped_with_the_reported_time_and_source()
    {
        var at = gym.Clock.UtcNow.AddMinutes(-20);

        var first = await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.VisitRegistered, Email = "ANA@example.com", OccurredAt = at });
        var second = await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id });

        Assert.Equal((EventIntakeOutcome.Recorded, ana.Id), (first.Outcome, first.ClientId));
        Assert.Equal(EventIntakeOutcome.Recorded, second.Outcome);
        await using var db = gym.CreateDb();
        Assert.Equal([at, gym.Clock.UtcNow], await db.Visits.OrderBy(v => v.Id).Select(v => v.VisitedAt).ToListAsync());
        var events = await db.ClientEvents.Where(e => e.Type != ClientEventTypes.LeadCreated).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [(ClientEventTypes.FirstVisit, at), (ClientEventTypes.VisitRegistered, at), (ClientEventTypes.VisitRegistered, gym.Clock.UtcNow)],
            events.Select(e => (e.Type, e.OccurredAt)));
        Assert.All(events, e => Assert.Equal(EventSources.Api, e.Source));
        Assert.Equal(first.EventId, events[1].Id);
    }

    [Fact]
    public async Task A_visit_in_the_hour_the_clocks_go_back_keeps_its_exact_instant()
    {
        gym.Time.SetUtcNow(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero));
        // 00:30 UTC is the first 02:30 in Madrid that night (summer time); 01:30 UTC is the second.
        var firstHalfPastTwo = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2));

        await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id, OccurredAt = firstHalfPastTwo });

        await using var db = gym.CreateDb();
        Assert.Equal(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Utc), (await db.Visits.SingleAsync()).VisitedAt);
    }

    [Fact]
    public async Task Booking_then_cancelling_a_class_books_it_then_cancels_that_same_booking()
    {
        var classAt = new DateTimeOffset(2026, 3, 12, 19, 0, 0, TimeSpan.FromHours(1));
        var data = Data(new { className = "Spinning", classAt });

        await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.ClassBooked, ClientId = ana.Id, Data = data });
        gym.Time.Advance(TimeSpan.FromHours(1));
        await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.ClassCancelled, ClientId = ana.Id, Data = data });

        await using var db = gym.CreateDb();
        var booking = await db.ClassBookings.SingleAsync();
        Assert.Equal(("Spinning", classAt.UtcDateTime, BookingStatus.Cancelled), (booking.ClassName, booking.ClassAt, booking.Status));
        Assert.Equal(
            [ClientEventTypes.LeadCreated, ClientEventTypes.ClassBooked, ClientEventTypes.ClassCancelled],
            await db.ClientEvents.OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
    }

    [Fact]
    public async Task A_purchase_is_an_order_a_failed_payment_a_payment_and_other_types_just_the_event_with_its_data()
    {
        await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.PurchaseMade, ClientId = ana.Id, Data = Data(new { total = 12.5m, description = "Protein bar" }) });
        await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.PaymentFailed, ClientId = ana.Id, Data = Data(new { amount = 39.9m }) });
        await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.EmailOpened, ClientId = ana.Id, Data = Data(new { campaign = "spring" }) });

        await using var db = gym.CreateDb();
        var order = await db.Orders.SingleAsync();
        Assert.Equal((12.5m, "Protein bar"), (order.Total, order.Description));
        var payment = await db.Payments.SingleAsync();
        Assert.Equal((39.9m, PaymentStatus.Failed), (payment.Amount, payment.Status));
        var opened = await db.ClientEvents.SingleAsync(e => e.Type == ClientEventTypes.EmailOpened);
        Assert.Equal("""{"campaign":"spring"}""", opened.Data);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_is_one_event_and_a_key_reused_for_another_event_is_refused()
    {
        var visit = new IncomingEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id, IdempotencyKey = "kiosk-1/visit-77" };

        var first = await Intake.RecordAsync(visit);
        gym.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await Intake.RecordAsync(visit);
        var otherType = await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.EmailOpened, ClientId = ana.Id, IdempotencyKey = "kiosk-1/visit-77" });

        Assert.Equal((EventIntakeOutcome.Replayed, first.EventId), (again.Outcome, again.EventId));
        Assert.Equal(["idempotencyKey"], otherType.Errors.Keys);
        await using var db = gym.CreateDb();
        Assert.Equal(1, await db.Visits.CountAsync());
        Assert.Equal(1, await db.ClientEvents.CountAsync(e => e.Type == ClientEventTypes.VisitRegistered));
    }

    [Fact]
    public async Task Concurrent_deliveries_with_one_key_record_one_event_and_all_answer_its_id()
    {
        var at = gym.Clock.UtcNow.AddMinutes(-1);
        var deliveries = Enumerable.Range(0, 6).Select(_ => Task.Run(() => Intake.RecordAsync(
            new IncomingEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id, OccurredAt = at, IdempotencyKey = "booking-system/42" })));

        var results = await Task.WhenAll(deliveries);

        Assert.Single(results.Select(r => r.EventId).Distinct());
        Assert.Single(results, r => r.Outcome == EventIntakeOutcome.Recorded);
        await using var db = gym.CreateDb();
        Assert.Equal(1, await db.Visits.CountAsync());
        Assert.Equal(results[0].EventId, (await db.ClientEvents.SingleAsync(e => e.IdempotencyKey == "booking-system/42")).Id);
    }

    [Fact]
    public async Task The_desks_rules_apply_with_the_apis_field_names()
    {
        var negative = await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.PurchaseMade, ClientId = ana.Id, Data = Data(new { total = -3, description = new string('x', 201) }) });
        await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id });
        var sameInstant = await Intake.RecordAsync(new IncomingEvent { Type = ClientEventTypes.VisitRegistered, ClientId = ana.Id });

        Assert.Equal(["data.description", "data.total"], negative.Errors.Keys.Order());
        Assert.Equal(["occurredAt"], sameInstant.Errors.Keys);
    }

    private static JsonElement Data(object value) => JsonSerializer.SerializeToElement(value, JsonSerializerOptions.Web);
}
