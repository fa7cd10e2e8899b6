using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Integrations;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Api;

public sealed class LeadIntakeTests : IAsyncLifetime
{
    private TestGym gym = default!;

    private LeadIntake Leads => gym.Get<LeadIntake>();

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_new_email_becomes_a_lead_and_a_known_one_gets_the_submission_instead_of_a_duplicate()
    {
        var created = await Leads.SubmitAsync(new WebFormLead { FirstName = "Marta", LastName = "Gil", Email = "Marta@Example.com", Phone = "+34 600 000 000", Message = "Do you have yoga?" });
        var again = await Leads.SubmitAsync(new WebFormLead { FirstName = "M.", Email = "marta@example.com ", Source = "spring-campaign" });

        Assert.True(created.Value!.Created);
        Assert.Equal((created.Value.ClientId, false), (again.Value!.ClientId, again.Value.Created));
        await using var db = gym.CreateDb();
        var marta = await db.Clients.SingleAsync();
        Assert.Equal(("Marta", "marta@example.com", ClientStatus.Lead, PipelineStage.New, WebFormLead.DefaultSource), (marta.FirstName, marta.Email, marta.Status, marta.Stage, marta.Source));
        var events = await db.ClientEvents.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([ClientEventTypes.LeadCreated, ClientEventTypes.FormSubmitted, ClientEventTypes.FormSubmitted], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal((marta.Id, EventSources.Api), (e.ClientId, e.Source)));
        Assert.Equal([created.Value.EventId, again.Value.EventId], events.Skip(1).Select(e => e.Id));
        Assert.Equal("""{"source":"web","message":"Do you have yoga?"}""", events[1].Data);
        Assert.Equal("""{"source":"spring-campaign","message":null}""", events[2].Data);
    }

    [Fact]
    public async Task Bad_input_names_each_field_as_the_api_does_and_writes_nothing()
    {
        var result = await Leads.SubmitAsync(new WebFormLead { FirstName = " ", Phone = "call me", Message = new string('x', 2001) });
        var badEmail = await Leads.SubmitAsync(new WebFormLead { FirstName = "Ana", Email = "ana@" });

        Assert.Equal(["email", "firstName", "message", "phone"], result.Errors.Keys.Order());
        Assert.Equal(["email"], badEmail.Errors.Keys);
        await using var db = gym.CreateDb();
        Assert.False(await db.Clients.AnyAsync());
        Assert.False(await db.ClientEvents.AnyAsync());
    }

    [Fact]
    public async Task One_new_email_sent_twice_at_once_makes_one_client()
    {
        var submissions = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Leads.SubmitAsync(new WebFormLead { FirstName = "Leo", Email = "leo@example.com" })));

        var results = await Task.WhenAll(submissions);

        Assert.Single(results.Select(r => r.Value!.ClientId).Distinct());
        Assert.Single(results, r => r.Value!.Created);
        await using var db = gym.CreateDb();
        Assert.Equal(1, await db.Clients.CountAsync());
        Assert.Equal(4, await db.ClientEvents.CountAsync(e => e.Type == ClientEventTypes.FormSubmitted));
    }
}
