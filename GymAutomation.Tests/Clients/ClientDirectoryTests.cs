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
    public async Task The_client_page_reads_the_profiles_figures_and_the_tabs_counts_and_each_tab_one_page_newest_first()
    {
        var ana = (await Directory.SearchAsync(new ClientQuery(Search: "ana@"))).Items.Single().Id;
        var now = gym.Clock.UtcNow;
        var today = gym.Clock.Today;
        var thirtyDaysAgo = gym.Clock.StartOfDayUtc(today.AddDays(-29));
        await using (var db = gym.CreateDb())
        {
            // 23 visits a day apart up to an hour ago; one as the 30th gym day starts, one a second before it; one dated ahead of now.
            db.Visits.AddRange(Enumerable.Range(0, 23).Select(i => new Visit { ClientId = ana, VisitedAt = now.AddHours(-1).AddDays(-i) }));
            db.Visits.AddRange(
                new Visit { ClientId = ana, VisitedAt = thirtyDaysAgo },
                new Visit { ClientId = ana, VisitedAt = thirtyDaysAgo.AddSeconds(-1) },
                new Visit { ClientId = ana, VisitedAt = now.AddMinutes(5) });
            db.Memberships.AddRange(
                new Membership { ClientId = ana, Plan = "Old", StartDate = today.AddDays(-400), EndDate = today.AddDays(-35), Status = MembershipStatus.Active, CreatedAt = now },
                new Membership { ClientId = ana, Plan = "Monthly", StartDate = today.AddDays(-30), Status = MembershipStatus.Active, CreatedAt = now },
                new Membership { ClientId = ana, Plan = "Cancelled", StartDate = today.AddDays(-5), Status = MembershipStatus.Cancelled, CreatedAt = now },
                new Membership { ClientId = ana, Plan = "Next trial", StartDate = today.AddDays(3), Status = MembershipStatus.Trial, CreatedAt = now });
            db.Payments.Add(new Payment { ClientId = ana, Amount = 39, Status = PaymentStatus.Paid, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        var detail = (await Directory.GetAsync(ana))!;

        Assert.Equal(new ClientHistoryCounts(Visits: 26, Memberships: 4, Bookings: 0, Orders: 0, Payments: 1), detail.Counts);
        Assert.Equal(now.AddHours(-1), detail.LastVisitAt);
        Assert.Equal(24, detail.VisitsLast30Days);
        Assert.Equal("Monthly", detail.CurrentMembership?.Plan);
        Assert.Null(await Directory.GetAsync(9999));

        var pages = new[] { await Directory.VisitsAsync(ana, 0, 10), await Directory.VisitsAsync(ana, 10, 10), await Directory.VisitsAsync(ana, 20, 10) };
        Assert.Equal([10, 10, 6], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(26, p.TotalCount));
        var visits = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(26, visits.Select(v => v.Id).Distinct().Count());
        Assert.Equal(visits.Select(v => v.VisitedAt).OrderDescending(), visits.Select(v => v.VisitedAt));
        Assert.Equal(now.AddMinutes(5), visits[0].VisitedAt);
        Assert.Equal(["Next trial", "Cancelled"], (await Directory.MembershipsAsync(ana, 0, 2)).Items.Select(m => m.Plan));
        Assert.Equal(["Monthly", "Old"], (await Directory.MembershipsAsync(ana, 2, 2)).Items.Select(m => m.Plan));
        Assert.Equal(39, (await Directory.PaymentsAsync(ana, 0, 10)).Items.Single().Amount);
        Assert.Equal(0, (await Directory.BookingsAsync(ana, 0, 10)).TotalCount);
        Assert.Empty((await Directory.OrdersAsync(ana, 0, 10)).Items);
    }
}
