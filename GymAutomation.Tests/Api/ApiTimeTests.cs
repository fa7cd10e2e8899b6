using System.Globalization;
using System.Net;
using System.Text;
using GymAutomation.Core.Events;

namespace GymAutomation.Tests.Api;

/// <summary>
/// Times another system reports: what already happened is from 2000-01-01 on and at most
/// <c>Gym:MaxClockSkewMinutes</c> (5) ahead of the server; a class is before 2100. Anything else is a 400 naming the
/// field and why, and writes nothing.
/// </summary>
public sealed class ApiTimeTests(ApiApp app) : IClassFixture<ApiApp>
{
    private const string Future = "This cannot be in the future.";
    private const string TooEarly = "Must be on or after 2000-01-01.";

    public static TheoryData<string, string, string> BadTimes()
    {
        var now = DateTimeOffset.UtcNow;
        string At(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return new()
        {
            { $$"""{"type":"VISIT_REGISTERED","clientId":{id},"occurredAt":"{{At(now.AddHours(1))}}"}""", "occurredAt", Future },
            { $$"""{"type":"VISIT_REGISTERED","clientId":{id},"occurredAt":"{{At(now.AddDays(3))}}"}""", "occurredAt", Future },
            { """{"type":"VISIT_REGISTERED","clientId":{id},"occurredAt":"0001-01-01T00:00:00Z"}""", "occurredAt", TooEarly },
            { $$$"""{"type":"PURCHASE_MADE","clientId":{id},"occurredAt":"{{{At(now.AddDays(1))}}}","data":{"total":5}}""", "occurredAt", Future },
            { """{"type":"PAYMENT_FAILED","clientId":{id},"occurredAt":"1970-01-01T00:00:00Z","data":{"amount":5}}""", "occurredAt", TooEarly },
            { $$"""{"type":"EMAIL_OPENED","clientId":{id},"occurredAt":"{{At(now.AddDays(7))}}"}""", "occurredAt", Future },
            { """{"type":"CLASS_BOOKED","clientId":{id},"data":{"className":"Spinning","classAt":"1999-12-31T19:00:00Z"}}""", "data.classAt", TooEarly },
            { """{"type":"CLASS_BOOKED","clientId":{id},"data":{"className":"Spinning","classAt":"2100-01-01T19:00:00Z"}}""", "data.classAt", "Must be before 2100-01-01." },
        };
    }

    [Theory]
    [MemberData(nameof(BadTimes))]
    public async Task A_time_that_cannot_be_true_is_a_400_naming_the_field_and_why_and_writes_nothing(string body, string field, string message)
    {
        var api = await app.CreateApiClientAsync();
        var client = await app.CreateGymClientAsync("Eva", $"eva-{Guid.NewGuid():N}@example.com");
        var before = await app.SnapshotAsync();

        using var content = new StringContent(body.Replace("{id}", client.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("/api/events", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
        Assert.Equal(message, (await response.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task A_kiosk_a_few_minutes_fast_is_within_the_skew_and_a_class_next_month_is_fine()
    {
        var api = await app.CreateApiClientAsync();
        var client = await app.CreateGymClientAsync("Fast", $"fast-{Guid.NewGuid():N}@example.com");

        using var visit = await api.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientId = client.Id, occurredAt = DateTimeOffset.UtcNow.AddMinutes(3) });
        using var booking = await api.PostEventAsync(new { type = ClientEventTypes.ClassBooked, clientId = client.Id, data = new { className = "Yoga", classAt = DateTimeOffset.UtcNow.AddDays(30) } });

        Assert.Equal(HttpStatusCode.Accepted, visit.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, booking.StatusCode);
    }
}
