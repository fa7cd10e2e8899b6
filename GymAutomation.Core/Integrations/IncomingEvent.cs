using System.ComponentModel;
using System.Text.Json;

namespace GymAutomation.Core.Integrations;

/// <summary>An event another system reports through the HTTP API. Exactly one of the three client references is given.</summary>
public sealed class IncomingEvent
{
    [Description("One of the client event types: LEAD_CREATED, VISIT_REGISTERED, CLASS_BOOKED, PURCHASE_MADE…")]
    public string? Type { get; set; }

    [Description("The client's id in GymAutomation.")]
    public int? ClientId { get; set; }

    [Description("The client's id in the system the gym imported it from.")]
    public string? ClientExternalId { get; set; }

    [Description("The client's email.")]
    public string? Email { get; set; }

    [Description("When it happened, with its offset (2026-03-10T18:30:00+01:00 or …Z); now when not given; never in the future (beyond Gym:MaxClockSkewMinutes) nor before 2000-01-01.")]
    public DateTimeOffset? OccurredAt { get; set; }

    [Description("The sender's id for this event: sending the same key again records nothing and answers with the first event's id.")]
    public string? IdempotencyKey { get; set; }

    [Description("A JSON object. CLASS_BOOKED and CLASS_CANCELLED need className and classAt; PURCHASE_MADE needs total (description optional); PAYMENT_FAILED needs amount.")]
    public JsonElement? Data { get; set; }
}

public enum EventIntakeOutcome
{
    /// <summary>The event (and its record) was saved.</summary>
    Recorded,

    /// <summary>The idempotency key was seen before: nothing was saved, the first event's id is given.</summary>
    Replayed,

    /// <summary>Bad input: nothing was saved; see the errors by field.</summary>
    Invalid,

    /// <summary>No client matches the reference: nothing was saved.</summary>
    ClientNotFound,
}

/// <summary>What recording an incoming event did.</summary>
public sealed record EventIntakeResult(EventIntakeOutcome Outcome, long EventId, int ClientId, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static EventIntakeResult Recorded(long eventId, int clientId) => new(EventIntakeOutcome.Recorded, eventId, clientId, NoErrors);

    public static EventIntakeResult Replayed(long eventId, int clientId) => new(EventIntakeOutcome.Replayed, eventId, clientId, NoErrors);

    public static EventIntakeResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(EventIntakeOutcome.Invalid, 0, 0, errors);

    public static EventIntakeResult ClientNotFound() => new(EventIntakeOutcome.ClientNotFound, 0, 0, NoErrors);
}
