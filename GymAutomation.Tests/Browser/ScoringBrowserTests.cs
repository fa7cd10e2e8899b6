using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ScoringBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task A_visit_registered_on_a_client_page_moves_the_lead_on_another_screens_leaderboard_without_a_reload()
    {
        await server.App.CreateStaffAsync("boss@test.gym", Roles.Manager);
        await server.App.CreateStaffAsync("front@test.gym", Roles.Staff);
        await LeadAsync("Ana", "Lopez", ClientEventTypes.PurchaseMade, ClientEventTypes.EmailOpened);
        var mateo = await LeadAsync("Mateo", "Serrano", ClientEventTypes.FormSubmitted, ClientEventTypes.EmailOpened);

        var board = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(board, "boss@test.gym", GymAppFactory.StaffPassword);
        await board.GotoAsync("/marketing/automation/scoring/");
        await BrowserPages.WaitForInteractiveAsync(board);
        var names = board.GetByTestId("lead-name");
        await Expect(names).ToHaveTextAsync(["Ana Lopez", "Mateo Serrano"]);
        await Expect(board.GetByTestId("score")).ToHaveTextAsync(["30", "25"]);
        await board.EvaluateAsync("window.stillTheSamePage = true");

        var desk = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(desk, "front@test.gym", GymAppFactory.StaffPassword);
        await desk.GotoAsync($"/clients/{mateo}");
        await BrowserPages.WaitForInteractiveAsync(desk);
        await Expect(desk.GetByTestId("lead-score")).ToHaveTextAsync("25");
        await desk.GetByTestId("check-in").ClickAsync();

        await Expect(names).ToHaveTextAsync(["Mateo Serrano", "Ana Lopez"]);
        await Expect(board.GetByTestId("score")).ToHaveTextAsync(["35", "30"]);
        var mateoRow = board.GetByTestId("leaderboard-row").Filter(new() { HasText = "Mateo Serrano" });
        await Expect(mateoRow.GetByTestId("rank-move")).ToHaveTextAsync("▲1");
        await Expect(mateoRow).ToContainTextAsync("Visita Registrada");
        await Expect(board.GetByTestId("feed-line").First).ToContainTextAsync("Mateo Serrano");
        Assert.True(await board.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        await BrowserPages.ScreenshotAsync(board, "scoring-board-after-a-visit");

        await Expect(desk.GetByTestId("lead-score")).ToHaveTextAsync("35");
        await desk.GetByTestId("client-tabs").GetByText("Score", new() { Exact = true }).ClickAsync();
        await Expect(desk.GetByTestId("ledger-title")).ToHaveTextAsync("Why this lead is at 35");
        await Expect(desk.GetByTestId("ledger-reason")).ToHaveTextAsync(["Visita Registrada", "Email Abierto", "Formulario Enviado"]);
        await BrowserPages.ScreenshotAsync(desk, "scoring-client-page-after-a-visit");
    }

    /// <summary>A lead with a few events already scored by the running app.</summary>
    private async Task<int> LeadAsync(string firstName, string lastName, params string[] events)
    {
        var client = (await server.App.Services.GetRequiredService<ClientService>()
            .CreateAsync(new ClientInput { FirstName = firstName, LastName = lastName, Stage = PipelineStage.Contacted, Source = "web" })).Value!;
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.GymDbContext>();
        var outbox = server.App.Services.GetRequiredService<EventOutbox>();
        foreach (var type in events)
        {
            outbox.Add(db, type, client.Id, source: EventSources.Api);
        }

        await db.SaveChangesAsync();
        return client.Id;
    }
}
