using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Clients;

public sealed class ClientDirectoryTests : IAsyncLifetime
{
    private TestGym gym = default!;

    private ClientDirectory Directory => gym.Get<ClientDirectory>();

    public async Task InitializeAsync()
    {
        gym = await TestGym.StartAsync();
        var clients = gym.Get<ClientService>();
        await clients.CreateAsync(new ClientInput { FirstName = "Ana", LastName = "Ruiz", Email = "ana@example.com", Phone = "+34 600-123-456", Status = ClientStatus.Active, Stage = PipelineStage.Member });
        await clients.CreateAsync(new ClientInput { FirstName = "Bruno", LastName = "Díaz", Email = "bruno@example.com", Stage = PipelineStage.HotLead });
        await clients.CreateAsync(new ClientInput { FirstName = "Carla", LastName = "Ruiz", Phone = "611 222 333", Status = ClientStatus.Inactive, Stage = PipelineStage.Lost });
    }

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Theory]
    [InlineData("ruiz", new[] { "Ana", "Carla" })]
    [InlineData("ana ruiz", new[] { "Ana" })]
    [InlineData("BRUNO@", new[] { "Bruno" })]
    [InlineData("600123", new[] { "Ana" })]
    [InlineData("nobody", new string[0])]
    public async Task Search_finds_by_name_email_or_phone_digits(string search, string[] expected)
    {
        var page = await Directory.SearchAsync(new ClientQuery(Search: search));

        Assert.Equal(expected, page.Items.Select(c => c.FirstName));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task Filters_by_status_and_stage()
    {
        var leads = await Directory.SearchAsync(new ClientQuery(Status: ClientStatus.Lead));
        var lost = await Directory.SearchAsync(new ClientQuery(Stage: PipelineStage.Lost));

        Assert.Equal(["Bruno"], leads.Items.Select(c => c.FirstName));
        Assert.Equal(["Carla"], lost.Items.Select(c => c.FirstName));
    }

    [Fact]
    public async Task Sorts_by_last_visit_and_pages_with_the_total()
    {
        var all = await Directory.SearchAsync(new ClientQuery());
        var carla = all.Items.Single(c => c.FirstName == "Carla").Id;
        var ana = all.Items.Single(c => c.FirstName == "Ana").Id;
        await gym.Get<FrontDesk>().RegisterVisitAsync(carla);
        gym.Time.Advance(TimeSpan.FromHours(1));
        await gym.Get<FrontDesk>().RegisterVisitAsync(ana);

        var byLastVisit = await Directory.SearchAsync(new ClientQuery(Sort: ClientSort.LastVisit, Direction: SortDirection.Descending));
        var secondPage = await Directory.SearchAsync(new ClientQuery(Skip: 2, Take: 2));

        Assert.Equal(["Ana", "Carla", "Bruno"], byLastVisit.Items.Select(c => c.FirstName));
        Assert.Equal(gym.Clock.UtcNow, byLastVisit.Items[0].LastVisitAt);
        Assert.Equal(["Carla"], secondPage.Items.Select(c => c.FirstName));
        Assert.Equal(3, secondPage.TotalCount);
    }

    [Fact]
    public async Task The_client_page_reads_the_whole_history_newest_first()
    {
        var ana = (await Directory.SearchAsync(new ClientQuery(Search: "ana@"))).Items.Single().Id;
        var desk = gym.Get<FrontDesk>();
        await desk.RegisterVisitAsync(ana);
        gym.Time.Advance(TimeSpan.FromDays(1));
        await desk.RegisterVisitAsync(ana);
        await desk.SavePaymentAsync(ana, null, new PaymentInput { Amount = 39, CreatedAtLocal = gym.Clock.LocalNow });

        var detail = (await Directory.GetAsync(ana))!;

        Assert.Equal(2, detail.Visits.Count);
        Assert.True(detail.Visits[0].VisitedAt > detail.Visits[1].VisitedAt);
        Assert.Equal(39, detail.Payments.Single().Amount);
        Assert.Null(await Directory.GetAsync(9999));
    }
}
