using GymAutomation.Core.Clients;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Clients;

public sealed class FrontDeskTests : IAsyncLifetime
{
    private TestGym gym = default!;
    private int clientId;

    private FrontDesk Desk => gym.Get<FrontDesk>();

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        clientId = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Lucía", Email = "lucia@example.com" })).Value!.Id;
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task Check_in_records_a_visit_now_and_the_same_second_twice_is_refused()
    {
        var first = await Desk.RegisterVisitAsync(clientId);
        var again = await Desk.RegisterVisitAsync(clientId);

        Assert.Equal(gym.Clock.UtcNow, first.Value!.VisitedAt);
        Assert.Equal([nameof(VisitInput.VisitedAtLocal)], again.Errors.Keys);
        gym.Time.Advance(TimeSpan.FromHours(2));
        Assert.True((await Desk.RegisterVisitAsync(clientId)).Succeeded);
    }

    [Fact]
    public async Task A_visit_typed_in_gym_time_is_stored_in_utc()
    {
        var madridMorning = new DateTime(2026, 3, 9, 7, 30, 0);

        var visit = (await Desk.SaveVisitAsync(clientId, null, new VisitInput { VisitedAtLocal = madridMorning })).Value!;

        Assert.Equal(new DateTime(2026, 3, 9, 6, 30, 0, DateTimeKind.Utc), visit.VisitedAt);
    }

    [Fact]
    public async Task A_visit_in_the_future_is_refused()
    {
        var result = await Desk.SaveVisitAsync(clientId, null, new VisitInput { VisitedAtLocal = gym.Clock.LocalNow.AddHours(3) });

        Assert.Equal([nameof(VisitInput.VisitedAtLocal)], result.Errors.Keys);
        await using var db = gym.CreateDb();
        Assert.False(await db.Visits.AnyAsync());
    }

    [Fact]
    public async Task Times_typed_at_the_desk_are_from_2000_on_and_what_already_happened_is_not_ahead_of_now_beyond_the_skew()
    {
        var now = gym.Clock.LocalNow;
        var earlyVisit = await Desk.SaveVisitAsync(clientId, null, new VisitInput { VisitedAtLocal = new DateTime(1999, 12, 31, 20, 0, 0) });
        var orderTomorrow = await Desk.SaveOrderAsync(clientId, null, new OrderInput { Total = 5, CreatedAtLocal = now.AddDays(1) });
        var paymentIn1970 = await Desk.SavePaymentAsync(clientId, null, new PaymentInput { Amount = 5, CreatedAtLocal = new DateTime(1970, 1, 1) });
        var classIn2100 = await Desk.SaveBookingAsync(clientId, null, new BookingInput { ClassName = "Yoga", ClassAtLocal = new DateTime(2100, 1, 1, 19, 0, 0) });

        Assert.Equal((nameof(VisitInput.VisitedAtLocal), "Must be on or after 2000-01-01."), Assert.Single(earlyVisit.Errors.Select(e => (e.Key, e.Value.Single()))));
        Assert.Equal((nameof(OrderInput.CreatedAtLocal), "This cannot be in the future."), Assert.Single(orderTomorrow.Errors.Select(e => (e.Key, e.Value.Single()))));
        Assert.Equal([nameof(PaymentInput.CreatedAtLocal)], paymentIn1970.Errors.Keys);
        Assert.Equal((nameof(BookingInput.ClassAtLocal), "Must be before 2100-01-01."), Assert.Single(classIn2100.Errors.Select(e => (e.Key, e.Value.Single()))));
        Assert.True((await Desk.SaveVisitAsync(clientId, null, new VisitInput { VisitedAtLocal = now.AddMinutes(4) })).Succeeded);
        Assert.True((await Desk.SaveBookingAsync(clientId, null, new BookingInput { ClassName = "Yoga", ClassAtLocal = now.AddDays(30) })).Succeeded);
        await using var db = gym.CreateDb();
        Assert.Equal((1, 0, 0, 1), (await db.Visits.CountAsync(), await db.Orders.CountAsync(), await db.Payments.CountAsync(), await db.ClassBookings.CountAsync()));
    }

    [Fact]
    public async Task A_visit_can_be_corrected()
    {
        var visit = (await Desk.RegisterVisitAsync(clientId)).Value!;
        var earlier = gym.Clock.LocalNow.AddHours(-1);

        var corrected = await Desk.SaveVisitAsync(clientId, visit.Id, new VisitInput { VisitedAtLocal = earlier });

        Assert.True(corrected.Succeeded);
        await using var db = gym.CreateDb();
        Assert.Equal(gym.Clock.ToUtc(earlier), (await db.Visits.SingleAsync()).VisitedAt);
    }

    [Fact]
    public async Task Bad_orders_and_payments_name_their_fields_and_save_nothing()
    {
        var order = await Desk.SaveOrderAsync(clientId, null, new OrderInput { Total = -3, Description = new string('x', 201) });
        var payment = await Desk.SavePaymentAsync(clientId, null, new PaymentInput { Amount = null, CreatedAtLocal = null });

        Assert.Equal([nameof(OrderInput.CreatedAtLocal), nameof(OrderInput.Description), nameof(OrderInput.Total)], order.Errors.Keys.Order());
        Assert.Equal([nameof(PaymentInput.Amount), nameof(PaymentInput.CreatedAtLocal)], payment.Errors.Keys.Order());
        await using var db = gym.CreateDb();
        Assert.False(await db.Orders.AnyAsync() || await db.Payments.AnyAsync());
    }

    [Fact]
    public async Task A_record_of_another_client_cannot_be_edited_through_this_one()
    {
        var other = (await gym.Get<ClientService>().CreateAsync(new ClientInput { FirstName = "Other" })).Value!.Id;
        var order = (await Desk.SaveOrderAsync(other, null, new OrderInput { Total = 2.5m, CreatedAtLocal = gym.Clock.LocalNow })).Value!;

        var result = await Desk.SaveOrderAsync(clientId, order.Id, new OrderInput { Total = 0, CreatedAtLocal = gym.Clock.LocalNow });

        Assert.True(result.Errors.ContainsKey(""));
        await using var db = gym.CreateDb();
        Assert.Equal(2.5m, (await db.Orders.SingleAsync()).Total);
    }

    [Fact]
    public async Task A_booking_keeps_the_class_time_and_when_it_was_booked()
    {
        var classAt = gym.Clock.LocalNow.AddDays(1);

        var booking = (await Desk.SaveBookingAsync(clientId, null, new BookingInput { ClassName = " Yoga ", ClassAtLocal = classAt })).Value!;

        Assert.Equal(("Yoga", gym.Clock.ToUtc(classAt), gym.Clock.UtcNow, BookingStatus.Booked), (booking.ClassName, booking.ClassAt, booking.BookedAt, booking.Status));
    }

    [Fact]
    public async Task Starting_a_trial_moves_a_lead_to_the_trial_stage_and_a_membership_makes_a_member()
    {
        var trial = await Desk.SaveMembershipAsync(clientId, null, new MembershipInput { Plan = "Trial week", StartDate = gym.Clock.Today, EndDate = gym.Clock.Today.AddDays(7), Status = MembershipStatus.Trial });
        var afterTrial = await Stage();

        await Desk.SaveMembershipAsync(clientId, null, new MembershipInput { Plan = "Monthly", StartDate = gym.Clock.Today, Price = 39 });

        Assert.True(trial.Succeeded);
        Assert.Equal((ClientStatus.Lead, PipelineStage.Trial), afterTrial);
        Assert.Equal((ClientStatus.Active, PipelineStage.Member), await Stage());
    }

    [Fact]
    public async Task A_membership_that_ends_before_it_starts_is_refused()
    {
        var result = await Desk.SaveMembershipAsync(clientId, null, new MembershipInput { Plan = "Monthly", StartDate = gym.Clock.Today, EndDate = gym.Clock.Today.AddDays(-1) });

        Assert.Equal([nameof(MembershipInput.EndDate)], result.Errors.Keys);
        Assert.Equal((ClientStatus.Lead, PipelineStage.New), await Stage());
    }

    private async Task<(ClientStatus, PipelineStage)> Stage()
    {
        await using var db = gym.CreateDb();
        var client = await db.Clients.SingleAsync(c => c.Id == clientId);
        return (client.Status, client.Stage);
    }
}
