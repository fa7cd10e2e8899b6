using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Clients;

/// <summary>
/// What the front desk records all day: check-ins, class bookings, orders, payments, memberships.
/// Each save validates first and writes nothing when the input is bad. A record id of null adds, otherwise edits.
/// The HTTP API records visits, bookings, orders and payments through the same steps (the internal
/// <c>Stage…</c> methods), inside its own write, so both check the same rules and record the same events.
/// </summary>
public sealed class FrontDesk(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, EventOutbox outbox)
{
    /// <summary>Checks the client in now.</summary>
    public Task<SaveResult<Visit>> RegisterVisitAsync(int clientId, CancellationToken cancellationToken = default)
    {
        var now = clock.LocalNow;
        return SaveVisitAsync(clientId, null, new VisitInput { VisitedAtLocal = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)) }, cancellationToken);
    }

    /// <summary>Adds a visit at a given gym time (a check-in recorded late), or corrects one.</summary>
    public Task<SaveResult<Visit>> SaveVisitAsync(int clientId, long? visitId, VisitInput input, CancellationToken cancellationToken = default) =>
        SaveAsync(clientId, (db, client) => StageVisitAsync(db, client, visitId, input, WriteOrigin.Desk, cancellationToken), cancellationToken);

    public Task<SaveResult<ClassBooking>> SaveBookingAsync(int clientId, long? bookingId, BookingInput input, CancellationToken cancellationToken = default) =>
        SaveAsync(clientId, (db, client) => StageBookingAsync(db, client, bookingId, input, WriteOrigin.Desk, cancellationToken), cancellationToken);

    public Task<SaveResult<Order>> SaveOrderAsync(int clientId, long? orderId, OrderInput input, CancellationToken cancellationToken = default) =>
        SaveAsync(clientId, (db, client) => StageOrderAsync(db, client, orderId, input, WriteOrigin.Desk, cancellationToken), cancellationToken);

    public Task<SaveResult<Payment>> SavePaymentAsync(int clientId, long? paymentId, PaymentInput input, CancellationToken cancellationToken = default) =>
        SaveAsync(clientId, (db, client) => StagePaymentAsync(db, client, paymentId, input, WriteOrigin.Desk, cancellationToken), cancellationToken);

    /// <summary>
    /// Adds or edits a membership. Starting a current trial moves the client to the Trial stage;
    /// starting a current membership makes them an active member.
    /// </summary>
    public async Task<SaveResult<Membership>> SaveMembershipAsync(int clientId, int? membershipId, MembershipInput input, CancellationToken cancellationToken = default)
    {
        if (input.StartDate is { } start && input.EndDate is { } end && end < start)
        {
            var errors = InputValidation.Validate(input);
            errors[nameof(MembershipInput.EndDate)] = [ValidationText.EndBeforeStart];
            return SaveResult<Membership>.Invalid(errors);
        }

        return await SaveAsync(clientId, (db, client) => StageAsync(db, client, membershipId, input, d => d.Memberships, () => new Membership { Plan = "", CreatedAt = clock.UtcNow }, WriteOrigin.Desk, (m, write) =>
        {
            m.Plan = input.Plan.Trim();
            m.StartDate = input.StartDate!.Value;
            m.EndDate = input.EndDate;
            m.Status = input.Status;
            m.Price = input.Price;
            if (m.IsCurrentOn(clock.Today))
            {
                PromoteClient(m);
            }

            if (write.IsNew)
            {
                var data = new { plan = m.Plan, startDate = m.StartDate, endDate = m.EndDate };
                write.Record(m.Status == MembershipStatus.Trial ? ClientEventTypes.TrialStarted : ClientEventTypes.MembershipCreated, clock.UtcNow, data);
            }

            return Task.CompletedTask;
        }, cancellationToken), cancellationToken);
    }

    internal async Task<SaveResult<Visit>> StageVisitAsync(GymDbContext db, Client client, long? visitId, VisitInput input, WriteOrigin origin, CancellationToken cancellationToken)
    {
        if (input.VisitedAtLocal is { } local)
        {
            var at = At(origin, local);
            if (SaneTimes.WhyNotHappened(clock, at) is { } why)
            {
                return SaveResult<Visit>.Invalid(nameof(VisitInput.VisitedAtLocal), why);
            }

            if (await db.Visits.AnyAsync(v => v.ClientId == client.Id && v.VisitedAt == at && v.Id != (visitId ?? 0), cancellationToken))
            {
                return SaveResult<Visit>.Invalid(nameof(VisitInput.VisitedAtLocal), ValidationText.DuplicateVisit);
            }
        }

        return await StageAsync(db, client, visitId, input, d => d.Visits, () => new Visit(), origin, async (v, write) =>
        {
            v.VisitedAt = At(origin, input.VisitedAtLocal!.Value);
            if (write.IsNew)
            {
                if (!await write.Db.Visits.AnyAsync(x => x.ClientId == client.Id, write.CancellationToken))
                {
                    write.Record(ClientEventTypes.FirstVisit, v.VisitedAt);
                }

                write.Record(ClientEventTypes.VisitRegistered, v.VisitedAt);
            }
        }, cancellationToken);
    }

    internal Task<SaveResult<ClassBooking>> StageBookingAsync(GymDbContext db, Client client, long? bookingId, BookingInput input, WriteOrigin origin, CancellationToken cancellationToken)
    {
        if (input.ClassAtLocal is { } classAt && SaneTimes.WhyNotPlanned(clock.ToUtc(classAt)) is { } why)
        {
            return Task.FromResult(SaveResult<ClassBooking>.Invalid(nameof(BookingInput.ClassAtLocal), why));
        }

        return StageAsync(db, client, bookingId, input, d => d.ClassBookings, () => new ClassBooking { ClassName = "", BookedAt = Now(origin) }, origin, (b, write) =>
        {
            var wasCancelled = !write.IsNew && b.Status == BookingStatus.Cancelled;
            b.ClassName = input.ClassName.Trim();
            b.ClassAt = clock.ToUtc(input.ClassAtLocal!.Value);
            b.Status = input.Status;
            var data = new { className = b.ClassName, classAt = b.ClassAt };
            if (write.IsNew && b.Status != BookingStatus.Cancelled)
            {
                write.Record(ClientEventTypes.ClassBooked, b.BookedAt, data);
            }

            if (b.Status == BookingStatus.Cancelled && !wasCancelled)
            {
                write.Record(ClientEventTypes.ClassCancelled, Now(origin), data);
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    internal Task<SaveResult<Order>> StageOrderAsync(GymDbContext db, Client client, long? orderId, OrderInput input, WriteOrigin origin, CancellationToken cancellationToken)
    {
        if (input.CreatedAtLocal is { } createdAt && SaneTimes.WhyNotHappened(clock, At(origin, createdAt)) is { } why)
        {
            return Task.FromResult(SaveResult<Order>.Invalid(nameof(OrderInput.CreatedAtLocal), why));
        }

        return StageAsync(db, client, orderId, input, d => d.Orders, () => new Order(), origin, (o, write) =>
        {
            o.Total = input.Total!.Value;
            o.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
            o.CreatedAt = At(origin, input.CreatedAtLocal!.Value);
            if (write.IsNew)
            {
                write.Record(ClientEventTypes.PurchaseMade, o.CreatedAt, new { total = o.Total, description = o.Description });
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    internal Task<SaveResult<Payment>> StagePaymentAsync(GymDbContext db, Client client, long? paymentId, PaymentInput input, WriteOrigin origin, CancellationToken cancellationToken)
    {
        if (input.CreatedAtLocal is { } createdAt && SaneTimes.WhyNotHappened(clock, At(origin, createdAt)) is { } why)
        {
            return Task.FromResult(SaveResult<Payment>.Invalid(nameof(PaymentInput.CreatedAtLocal), why));
        }

        return StageAsync(db, client, paymentId, input, d => d.Payments, () => new Payment(), origin, (p, write) =>
        {
            var wasFailed = !write.IsNew && p.Status == PaymentStatus.Failed;
            p.Amount = input.Amount!.Value;
            p.Status = input.Status;
            p.CreatedAt = At(origin, input.CreatedAtLocal!.Value);
            if (p.Status == PaymentStatus.Failed && !wasFailed)
            {
                write.Record(ClientEventTypes.PaymentFailed, p.CreatedAt, new { amount = p.Amount });
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    private DateTime At(WriteOrigin origin, DateTime local) => origin.OccurredAt ?? clock.ToUtc(local);

    private DateTime Now(WriteOrigin origin) => origin.OccurredAt ?? clock.UtcNow;

    private void PromoteClient(Membership membership)
    {
        var client = membership.Client!;
        if (membership.Status == MembershipStatus.Trial)
        {
            if (client.Status == ClientStatus.Lead)
            {
                client.Stage = PipelineStage.Trial;
            }
        }
        else
        {
            client.Status = ClientStatus.Active;
            client.Stage = PipelineStage.Member;
        }

        client.UpdatedAt = clock.UtcNow;
    }

    /// <summary>The desk's own write: one context, the client, the staged change, saved at once.</summary>
    private async Task<SaveResult<T>> SaveAsync<T>(int clientId, Func<GymDbContext, Client, Task<SaveResult<T>>> stage, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.FindAsync([clientId], cancellationToken);
        if (client is null)
        {
            return SaveResult<T>.Invalid("", ValidationText.ClientNotFound);
        }

        var result = await stage(db, client);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Validates the input and applies it to a new or existing record of the client, with its events; saves nothing.</summary>
    private async Task<SaveResult<T>> StageAsync<T, TId>(
        GymDbContext db,
        Client client,
        TId? recordId,
        object input,
        Func<GymDbContext, DbSet<T>> set,
        Func<T> create,
        WriteOrigin origin,
        Func<T, RecordWrite, Task> apply,
        CancellationToken cancellationToken)
        where T : class
        where TId : struct
    {
        var errors = InputValidation.Validate(input);
        if (errors.Count > 0)
        {
            return SaveResult<T>.Invalid(errors);
        }

        T? record;
        var isNew = recordId is null;
        if (recordId is { } id)
        {
            record = await set(db).FindAsync([id], cancellationToken);
            if (record is null || db.Entry(record).Property<int>("ClientId").CurrentValue != client.Id)
            {
                return SaveResult<T>.Invalid("", ValidationText.RecordNotFound);
            }
        }
        else
        {
            record = create();
            db.Entry(record).Property<int>("ClientId").CurrentValue = client.Id;
            set(db).Add(record);
        }

        db.Entry(record).Reference("Client").CurrentValue = client;
        await apply(record, new RecordWrite(db, client, isNew, outbox, origin, cancellationToken));
        return SaveResult<T>.Ok(record);
    }

    /// <summary>The write in progress: its context, its client, whether it adds a record, and the outbox for its events.</summary>
    private sealed record RecordWrite(GymDbContext Db, Client Client, bool IsNew, EventOutbox Outbox, WriteOrigin Origin, CancellationToken CancellationToken)
    {
        public void Record(string type, DateTime occurredAt, object? data = null)
        {
            var reported = Origin.Reported?.Type == type ? Origin.Reported : null;
            var recorded = Outbox.Add(Db, type, Client, occurredAt, Origin.Source, data, reported?.IdempotencyKey);
            reported?.Recorded = recorded;
        }
    }
}
