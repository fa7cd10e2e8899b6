using System.Globalization;
using System.Text;
using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Integrations;

/// <summary>
/// Records an event another system reports, with the record it implies — a visit, a class booking, an order,
/// a failed payment — through the front desk's own steps, so both check the same rules and record the same
/// events, in one transaction. A repeated idempotency key records nothing and answers with the first event.
/// </summary>
public sealed class EventIntake(IDbContextFactory<GymDbContext> dbFactory, GymClock clock, EventOutbox outbox, FrontDesk desk, EventBacklog backlog)
{
    /// <summary>The largest <c>data</c> object accepted, in characters of JSON.</summary>
    public const int MaxDataLength = 4000;

    private const int MaxIdempotencyKeyLength = 200;
    private const int MaxExternalIdLength = 100;

    public async Task<EventIntakeResult> RecordAsync(IncomingEvent incoming, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        ValidateEnvelope(incoming, errors);
        var occurredAt = incoming.OccurredAt?.UtcDateTime ?? clock.UtcNow;
        var record = errors.ContainsKey("type") ? null : RecordFor(incoming.Type!, occurredAt, new DataReader(incoming.Data, errors));
        if (record is not null)
        {
            // A data field already refused for its JSON kind keeps that one message.
            foreach (var (field, messages) in ApiFields.Rename(InputValidation.Validate(record.Input), record.Fields))
            {
                errors.TryAdd(field, messages);
            }
        }

        if (errors.Count > 0)
        {
            return EventIntakeResult.Invalid(errors);
        }

        await backlog.WaitForRoomAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var client = await FindClientAsync(db, incoming, cancellationToken);
        if (client is null)
        {
            return EventIntakeResult.ClientNotFound();
        }

        var type = incoming.Type!;
        var key = string.IsNullOrWhiteSpace(incoming.IdempotencyKey) ? null : incoming.IdempotencyKey.Trim();
        if (key is not null && await ReplayAsync(db, key, type, client.Id, cancellationToken) is { } replay)
        {
            return replay;
        }

        var reported = new ReportedEvent(type, key);
        var origin = new WriteOrigin(EventSources.Api, occurredAt, reported);
        if (record is null)
        {
            reported.Recorded = outbox.Add(db, type, client, occurredAt, EventSources.Api, incoming.Data is { ValueKind: JsonValueKind.Object } data ? data.GetRawText() : null, key);
        }
        else if (await record.Stage(db, client, origin, cancellationToken) is { Count: > 0 } staged)
        {
            // A copy of this delivery saved since we looked makes this one look like a second check-in at that instant.
            return await SavedMeanwhileAsync(key, type, client.Id, cancellationToken)
                ?? EventIntakeResult.Invalid(ApiFields.Rename(staged, record.Fields));
        }

        var recorded = reported.Recorded ?? throw new InvalidOperationException($"The write for {type} recorded no {type} event.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // A copy of this delivery saved between our look and our save; the unique index refused this one.
            if (await SavedMeanwhileAsync(key, type, client.Id, cancellationToken) is { } winner)
            {
                return winner;
            }

            throw;
        }

        return EventIntakeResult.Recorded(recorded.Id, client.Id);
    }

    private void ValidateEnvelope(IncomingEvent incoming, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(incoming.Type))
        {
            errors["type"] = [ValidationText.Required];
        }
        else if (!ClientEventTypes.IsKnown(incoming.Type))
        {
            errors["type"] = [Format(ValidationText.UnknownEventType, string.Join(", ", ClientEventTypes.All))];
        }

        var references = new[]
        {
            ("clientId", incoming.ClientId is not null),
            ("clientExternalId", !string.IsNullOrWhiteSpace(incoming.ClientExternalId)),
            ("email", !string.IsNullOrWhiteSpace(incoming.Email)),
        }.Where(r => r.Item2).Select(r => r.Item1).ToList();
        if (references.Count == 0)
        {
            errors["clientId"] = [ValidationText.ClientReferenceMissing];
        }
        else if (references.Count > 1)
        {
            foreach (var field in references)
            {
                errors[field] = [ValidationText.ClientReferenceAmbiguous];
            }
        }

        if (!string.IsNullOrWhiteSpace(incoming.Email) && !EmailAddresses.IsValid(incoming.Email))
        {
            errors.AddAll(new Dictionary<string, string[]> { ["email"] = [ValidationText.InvalidEmail] });
        }

        if (incoming.ClientExternalId?.Trim().Length > MaxExternalIdLength)
        {
            errors.AddAll(new Dictionary<string, string[]> { ["clientExternalId"] = [TooLong(MaxExternalIdLength)] });
        }

        if (incoming.OccurredAt is { } at && SaneTimes.WhyNotHappened(clock, at.UtcDateTime) is { } why)
        {
            errors["occurredAt"] = [why];
        }

        if (incoming.IdempotencyKey?.Trim().Length > MaxIdempotencyKeyLength)
        {
            errors["idempotencyKey"] = [TooLong(MaxIdempotencyKeyLength)];
        }

        if (incoming.Data is { } data)
        {
            if (data.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                errors["data"] = [ValidationText.MustBeObject];
            }
            else if (data.GetRawText().Length > MaxDataLength)
            {
                errors["data"] = [Format(ValidationText.DataTooLong, MaxDataLength)];
            }
        }
    }

    /// <summary>The record an event type implies, built from the event as the desk's form would be; null when it is just the event.</summary>
    private RecordPlan? RecordFor(string type, DateTime occurredAt, DataReader data)
    {
        var local = clock.ToLocal(occurredAt);
        switch (type)
        {
            case ClientEventTypes.VisitRegistered:
                var visit = new VisitInput { VisitedAtLocal = local };
                return new RecordPlan(visit, VisitFields, async (db, client, origin, ct) =>
                    (await desk.StageVisitAsync(db, client, null, visit, origin, ct)).Errors);

            case ClientEventTypes.ClassBooked or ClientEventTypes.ClassCancelled:
                var classAt = data.Instant("classAt");
                var booking = new BookingInput
                {
                    ClassName = data.Text("className") ?? "",
                    ClassAtLocal = classAt is { } utc ? clock.ToLocal(utc) : null,
                    Status = type == ClientEventTypes.ClassCancelled ? BookingStatus.Cancelled : BookingStatus.Booked,
                };
                return new RecordPlan(booking, BookingFields, async (db, client, origin, ct) =>
                {
                    var bookingId = type == ClientEventTypes.ClassCancelled ? await FindBookingAsync(db, client.Id, booking.ClassName.Trim(), classAt!.Value, ct) : null;
                    return (await desk.StageBookingAsync(db, client, bookingId, booking, origin, ct)).Errors;
                });

            case ClientEventTypes.PurchaseMade:
                var order = new OrderInput { Total = data.Number("total"), Description = data.Text("description"), CreatedAtLocal = local };
                return new RecordPlan(order, OrderFields, async (db, client, origin, ct) =>
                    (await desk.StageOrderAsync(db, client, null, order, origin, ct)).Errors);

            case ClientEventTypes.PaymentFailed:
                var payment = new PaymentInput { Amount = data.Number("amount"), Status = PaymentStatus.Failed, CreatedAtLocal = local };
                return new RecordPlan(payment, PaymentFields, async (db, client, origin, ct) =>
                    (await desk.StagePaymentAsync(db, client, null, payment, origin, ct)).Errors);

            default:
                return null;
        }
    }

    /// <summary>A cancellation cancels the client's booking of that class when there is one; otherwise it is recorded as a cancelled booking.</summary>
    private static async Task<long?> FindBookingAsync(GymDbContext db, int clientId, string className, DateTime classAt, CancellationToken cancellationToken) =>
        await db.ClassBookings
            .Where(b => b.ClientId == clientId && b.ClassName == className && b.ClassAt == classAt && b.Status != BookingStatus.Cancelled)
            .OrderBy(b => b.Id)
            .Select(b => (long?)b.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private static async Task<Client?> FindClientAsync(GymDbContext db, IncomingEvent incoming, CancellationToken cancellationToken)
    {
        if (incoming.ClientId is { } id)
        {
            return await db.Clients.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(incoming.ClientExternalId))
        {
            var externalId = incoming.ClientExternalId.Trim();
            return await db.Clients.FirstOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);
        }

        var email = EmailAddresses.Normalize(incoming.Email);
        return await db.Clients.Where(c => c.Email == email).OrderBy(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<EventIntakeResult?> SavedMeanwhileAsync(string? key, string type, int clientId, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return null;
        }

        await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ReplayAsync(fresh, key, type, clientId, cancellationToken);
    }

    private static async Task<EventIntakeResult?> ReplayAsync(GymDbContext db, string key, string type, int clientId, CancellationToken cancellationToken)
    {
        var first = await db.ClientEvents.AsNoTracking()
            .Where(e => e.IdempotencyKey == key)
            .Select(e => new { e.Id, e.Type, e.ClientId })
            .SingleOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return null;
        }

        return first.Type == type && first.ClientId == clientId
            ? EventIntakeResult.Replayed(first.Id, first.ClientId)
            : EventIntakeResult.Invalid(new Dictionary<string, string[]> { ["idempotencyKey"] = [ValidationText.IdempotencyKeyReused] });
    }

    private static string TooLong(int max) => Format(ValidationText.TooLong, "", max);

    // The templates come from the resources in the reader's language, so they are parsed where they are used.
    private static string Format(string template, params object[] values) =>
        string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(template), values);

    // How the desk's form fields read in the API.
    private static readonly Dictionary<string, string> VisitFields = new() { [nameof(VisitInput.VisitedAtLocal)] = "occurredAt" };

    private static readonly Dictionary<string, string> BookingFields = new()
    {
        [nameof(BookingInput.ClassName)] = "data.className",
        [nameof(BookingInput.ClassAtLocal)] = "data.classAt",
        [nameof(BookingInput.Status)] = "type",
    };

    private static readonly Dictionary<string, string> OrderFields = new()
    {
        [nameof(OrderInput.Total)] = "data.total",
        [nameof(OrderInput.Description)] = "data.description",
        [nameof(OrderInput.CreatedAtLocal)] = "occurredAt",
    };

    private static readonly Dictionary<string, string> PaymentFields = new()
    {
        [nameof(PaymentInput.Amount)] = "data.amount",
        [nameof(PaymentInput.Status)] = "type",
        [nameof(PaymentInput.CreatedAtLocal)] = "occurredAt",
    };

    /// <summary>The desk input an event implies, how its fields are named in the API, and the desk step that stages it.</summary>
    private sealed record RecordPlan(
        object Input,
        IReadOnlyDictionary<string, string> Fields,
        Func<GymDbContext, Client, WriteOrigin, CancellationToken, Task<IReadOnlyDictionary<string, string[]>>> Stage);

    /// <summary>Reads the fields of <c>data</c> an event type needs; a field of the wrong JSON kind is an error named <c>data.field</c>.</summary>
    private sealed class DataReader(JsonElement? data, Dictionary<string, string[]> errors)
    {
        public string? Text(string name) => Read(name, JsonValueKind.String, ValidationText.MustBeText, v => v.GetString());

        public decimal? Number(string name) =>
            Read(name, JsonValueKind.Number, ValidationText.MustBeNumber, v => v.TryGetDecimal(out var number) ? number : (decimal?)null);

        public DateTime? Instant(string name) =>
            Read(name, JsonValueKind.String, ValidationText.MustBeDateTime, v => v.TryGetDateTimeOffset(out var at) ? at.UtcDateTime : (DateTime?)null);

        private T? Read<T>(string name, JsonValueKind kind, string message, Func<JsonElement, T?> read)
        {
            if (data is not { ValueKind: JsonValueKind.Object } item || !item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return default;
            }

            var result = value.ValueKind == kind ? read(value) : default;
            if (result is null)
            {
                errors[$"data.{name}"] = [message];
            }

            return result;
        }
    }
}
