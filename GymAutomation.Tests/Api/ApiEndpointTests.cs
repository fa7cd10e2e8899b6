using System.Net;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Api;

/// <summary>Each endpoint's success path, through the real pipeline with a real key.</summary>
public sealed class ApiEndpointTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_web_form_lead_is_created_with_201_and_the_same_email_again_is_matched_with_200()
    {
        var api = await app.CreateApiClientAsync();

        using var created = await api.PostLeadAsync(new { firstName = "Nuria", lastName = "Soler", email = "nuria@example.com", phone = "600 111 222", source = "landing", message = "Prices?" });
        using var matched = await api.PostLeadAsync(new { firstName = "Nuria", email = "NURIA@example.com" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        var first = await created.JsonAsync();
        var second = await matched.JsonAsync();
        var clientId = first.GetProperty("clientId").GetInt32();
        Assert.Equal((clientId, true, false), (second.GetProperty("clientId").GetInt32(), first.GetProperty("created").GetBoolean(), second.GetProperty("created").GetBoolean()));
        await using var db = app.CreateDb();
        var nuria = await db.Clients.SingleAsync(c => c.Id == clientId);
        Assert.Equal(("Soler", "landing", ClientStatus.Lead), (nuria.LastName, nuria.Source, nuria.Status));
        Assert.Equal(
            [ClientEventTypes.LeadCreated, ClientEventTypes.FormSubmitted, ClientEventTypes.FormSubmitted],
            await db.ClientEvents.Where(e => e.ClientId == clientId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());
        Assert.Equal(second.GetProperty("eventId").GetInt64(), await db.ClientEvents.Where(e => e.ClientId == clientId).MaxAsync(e => e.Id));
    }

    [Fact]
    public async Task An_event_is_accepted_with_202_and_its_id_by_client_id_external_id_or_email()
    {
        var api = await app.CreateApiClientAsync();
        var pablo = await app.CreateGymClientAsync("Pablo", "pablo@example.com", externalId: "crm-881");

        using var visit = await api.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientExternalId = "crm-881", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5) });
        using var booking = await api.PostEventAsync(new { type = ClientEventTypes.ClassBooked, clientId = pablo.Id, data = new { className = "Pilates", classAt = DateTimeOffset.UtcNow.AddDays(2) } });
        using var purchase = await api.PostEventAsync(new { type = ClientEventTypes.PurchaseMade, email = "pablo@example.com", data = new { total = 24.9, description = "Towel" } });
        using var payment = await api.PostEventAsync(new { type = ClientEventTypes.PaymentFailed, clientId = pablo.Id, data = new { amount = 45 } });
        using var reply = await api.PostEventAsync(new { type = ClientEventTypes.MessageReplied, clientId = pablo.Id, data = new { channel = "whatsapp" } });

        HttpResponseMessage[] all = [visit, booking, purchase, payment, reply];
        Assert.All(all, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await using var db = app.CreateDb();
        var events = await db.ClientEvents.Where(e => e.ClientId == pablo.Id && e.Source == EventSources.Api).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [ClientEventTypes.FirstVisit, ClientEventTypes.VisitRegistered, ClientEventTypes.ClassBooked, ClientEventTypes.PurchaseMade, ClientEventTypes.PaymentFailed, ClientEventTypes.MessageReplied],
            events.Select(e => e.Type));
        var ids = new List<long>();
        foreach (var response in all)
        {
            var body = await response.JsonAsync();
            Assert.Equal((pablo.Id, false), (body.GetProperty("clientId").GetInt32(), body.GetProperty("replayed").GetBoolean()));
            ids.Add(body.GetProperty("eventId").GetInt64());
        }

        Assert.Equal(events.Skip(1).Select(e => e.Id), ids);
        Assert.Equal(
            (1, 1, 1, 1),
            (await db.Visits.CountAsync(v => v.ClientId == pablo.Id), await db.ClassBookings.CountAsync(b => b.ClientId == pablo.Id),
             await db.Orders.CountAsync(o => o.ClientId == pablo.Id && o.Total == 24.9m), await db.Payments.CountAsync(p => p.ClientId == pablo.Id && p.Status == PaymentStatus.Failed)));
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_twice_and_then_at_once_is_one_event()
    {
        var api = await app.CreateApiClientAsync();
        var rosa = await app.CreateGymClientAsync("Rosa");
        var purchase = new { type = ClientEventTypes.PurchaseMade, clientId = rosa.Id, idempotencyKey = "till-3/receipt-1009", data = new { total = 3.5 } };

        using var first = await api.PostEventAsync(purchase);
        using var second = await api.PostEventAsync(purchase);
        var checkIn = new { type = ClientEventTypes.VisitRegistered, clientId = rosa.Id, idempotencyKey = "kiosk/scan-55" };
        var together = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.PostEventAsync(checkIn)));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal((await first.JsonAsync()).GetProperty("eventId").GetInt64(), (await second.JsonAsync()).GetProperty("eventId").GetInt64());
        Assert.True((await second.JsonAsync()).GetProperty("replayed").GetBoolean());
        Assert.All(together, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(together.Select(async r => (await r.JsonAsync()).GetProperty("eventId").GetInt64()));
        Assert.Single(ids.Distinct());
        await using var db = app.CreateDb();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.ClientId == rosa.Id));
        Assert.Equal(1, await db.Visits.CountAsync(v => v.ClientId == rosa.Id));
        Assert.Equal(1, await db.ClientEvents.CountAsync(e => e.IdempotencyKey == "kiosk/scan-55"));
        Assert.Equal(1, await db.ClientEvents.CountAsync(e => e.ClientId == rosa.Id && e.Type == ClientEventTypes.VisitRegistered));
        foreach (var response in together)
        {
            response.Dispose();
        }
    }
}
