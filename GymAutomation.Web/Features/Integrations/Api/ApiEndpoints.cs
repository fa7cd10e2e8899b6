using GymAutomation.Core.Integrations;
using GymAutomation.Core.Scoring;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GymAutomation.Web.Features.Integrations.Api;

/// <summary>What <c>POST /api/events</c> answers: the event's id (the first one's, when the idempotency key was seen before).</summary>
public sealed record EventReceipt(long EventId, int ClientId, bool Replayed);

/// <summary>A line of the leaderboard (<c>GET /api/leads/top</c>); the stage by name (New, Contacted, HotLead…).</summary>
public sealed record TopLead(int ClientId, string? ExternalId, string Name, int Score, string Stage);

/// <summary>A client's score and every change that made it, oldest first (<c>GET /api/clients/{id}/score</c>).</summary>
public sealed record ClientScore(int ClientId, bool IsLead, int Score, IReadOnlyList<ScoreChange> History);

/// <summary>One change of a score: the rule (<see cref="Reason"/>), the event it applied to (none for the weekly decay), the points and the score after.</summary>
public sealed record ScoreChange(DateTime At, string Reason, string EventType, long? EventId, int Points, int ScoreAfter);

/// <summary>
/// The HTTP API for the gym's other systems: every endpoint under <c>/api</c> needs an API key, counts against
/// that key's rate, needs the scope it declares (<see cref="ApiScopes"/>), and answers errors as problem+json (400 naming
/// each bad field, 401, 403 naming the missing scope, 404, 429); an error writes nothing.
/// </summary>
internal static class ApiEndpoints
{
    public const string NoSuchClient = "No client matches the reference.";
    public const int DefaultTop = 10;
    public const int MaxTop = 100;
    private const string CountParameter = "count";

    public static IEndpointRouteBuilder MapGymApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api")
            .RequireAuthorization(Policies.ApiClient)
            .RequireRateLimiting(ApiRateLimits.PerKey)
            .WithTags("Clients")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapJsonPost<WebFormLead>("/leads", ApiScopes.LeadsWrite, SubmitLeadAsync)
            .WithName("SubmitLead")
            .WithSummary("A lead from the website form")
            .WithDescription("Creates the client as a lead (LEAD_CREATED) and records FORM_SUBMITTED: 201. When a client already has the email, " +
                             "records FORM_SUBMITTED for that client instead: 200.")
            .Produces<LeadReceipt>(StatusCodes.Status201Created)
            .Produces<LeadReceipt>()
            .ProducesValidationProblem();

        api.MapJsonPost<IncomingEvent>("/events", ApiScopes.EventsWrite, RecordEventAsync)
            .WithName("RecordEvent")
            .WithSummary("Something that happened to a client")
            .WithDescription("Records the event and the record it implies, in one transaction: VISIT_REGISTERED a visit (and FIRST_VISIT on the first), " +
                             "CLASS_BOOKED and CLASS_CANCELLED a booking, PURCHASE_MADE an order, PAYMENT_FAILED a failed payment; other types just the event. " +
                             "Sending the same idempotencyKey again records nothing and answers with the first event's id.")
            .Produces<EventReceipt>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/leads/top", TopLeadsAsync)
            .RequireScope(ApiScopes.ScoresRead)
            .WithName("TopLeads")
            .WithSummary("The leaderboard")
            .WithDescription($"The leads with the highest scores, highest first: count of them ({DefaultTop} when not given, at most {MaxTop}).")
            .Produces<TopLead[]>()
            .WithNumberParameter(CountParameter, "How many leads.", DefaultTop, 1, MaxTop)
            .ProducesValidationProblem();

        api.MapGet("/clients/{id:int}/score", ClientScoreAsync)
            .RequireScope(ApiScopes.ScoresRead)
            .WithName("ClientScore")
            .WithSummary("A client's score and why")
            .WithDescription("The current score and its ledger, oldest first: each rule applied, to which event, its points and the score after.")
            .Produces<ClientScore>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // An id that is not a number in range ("abc", "2147483648") fails the route's int constraint and lands here,
        // not in the catch-all's 404: it is a 400 naming id. The order puts it after the real route, before the catch-all.
        api.MapGet("/clients/{id}/score", (string id) => NotANumber(id, "id")).RequireScope(ApiScopes.ScoresRead).WithOrder(1).ExcludeFromDescription();

        api.MapReadApi();

        api.Map("/{**path}", () => TypedResults.Problem("There is no such API endpoint.", statusCode: StatusCodes.Status404NotFound))
            .AllowAnyScope()
            .WithOrder(2)
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> TopLeadsAsync(HttpRequest request, LeadScores scores, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var take = ApiQuery.Number(request, CountParameter, DefaultTop, 1, MaxTop, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await scores.LeaderboardAsync(new LeadFilter(), take, cancellationToken);
        return TypedResults.Ok(rows.Select(r => new TopLead(r.ClientId, r.ExternalId, r.Name, r.Score, r.Stage.ToString())).ToList());
    }

    private static async Task<IResult> ClientScoreAsync(int id, LeadScores scores, CancellationToken cancellationToken)
    {
        var history = await scores.HistoryAsync(id, cancellationToken);
        return history is null
            ? TypedResults.Problem(NoSuchClient, statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new ClientScore(history.ClientId, history.IsLead, history.Score,
                [.. history.Ledger.Select(l => new ScoreChange(l.At, l.Reason, l.EventType, l.EventId, l.Points, l.ScoreAfter))]));
    }

    private static ValidationProblem NotANumber(string value, string field)
    {
        var errors = new Dictionary<string, string[]>();
        ApiQuery.Number(value, field, 0, 0, int.MaxValue, errors);
        return TypedResults.ValidationProblem(errors);
    }

    private static async Task<IResult> SubmitLeadAsync(HttpRequest request, LeadIntake leads, CancellationToken cancellationToken)
    {
        var (lead, error) = await ApiJson.ReadAsync<WebFormLead>(request, cancellationToken);
        if (lead is null)
        {
            return error!;
        }

        var result = await leads.SubmitAsync(lead, cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(result.Errors);
        }

        var receipt = result.Value!;
        return receipt.Created ? TypedResults.Created((string?)null, receipt) : TypedResults.Ok(receipt);
    }

    private static async Task<IResult> RecordEventAsync(HttpRequest request, EventIntake intake, CancellationToken cancellationToken)
    {
        var (incoming, error) = await ApiJson.ReadAsync<IncomingEvent>(request, cancellationToken);
        if (incoming is null)
        {
            return error!;
        }

        var result = await intake.RecordAsync(incoming, cancellationToken);
        return result.Outcome switch
        {
            EventIntakeOutcome.Invalid => TypedResults.ValidationProblem(result.Errors),
            EventIntakeOutcome.ClientNotFound => TypedResults.Problem(NoSuchClient, statusCode: StatusCodes.Status404NotFound),
            _ => TypedResults.Accepted((string?)null, new EventReceipt(result.EventId, result.ClientId, result.Outcome == EventIntakeOutcome.Replayed)),
        };
    }
}
