using GymAutomation.Core.Clients;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace GymAutomation.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class FrontDeskBrowserTests(BrowserFixture browser, GymServer server) : IClassFixture<GymServer>
{
    [Fact]
    public async Task Staff_opens_a_client_checks_them_in_and_sees_the_visit_in_the_list()
    {
        await server.App.CreateStaffAsync("desk@test.gym", Roles.Staff);
        var clients = server.App.Services.GetRequiredService<ClientService>();
        await clients.CreateAsync(new ClientInput { FirstName = "Lucía", LastName = "Ortega", Email = "lucia.ortega@example.com", Status = ClientStatus.Active, Stage = PipelineStage.Member });
        await clients.CreateAsync(new ClientInput { FirstName = "Mateo", LastName = "Serrano", Email = "mateo@example.com" });
        var page = await browser.NewPageAsync(server.BaseUrl);

        await BrowserPages.SignInAsync(page, "desk@test.gym", GymAppFactory.StaffPassword);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/clients$"));
        var ortega = page.GetByRole(Microsoft.Playwright.AriaRole.Row).Filter(new() { HasText = "Lucía Ortega" });
        await Expect(ortega.GetByTestId("last-visit")).ToHaveTextAsync("Never");

        await page.GetByTestId("client-search").FillAsync("orteg");
        await Expect(page.GetByTestId("client-link")).ToHaveTextAsync(["Lucía Ortega"]);
        await page.GetByTestId("client-link").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Lucía Ortega");
        await BrowserPages.WaitForInteractiveAsync(page);
        await page.GetByTestId("check-in").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Lucía Ortega checked in at");
        await Expect(page.GetByTestId("visit-time")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("profile-last-visit")).ToHaveTextAsync("Today");
        await BrowserPages.ScreenshotAsync(page, "client-after-check-in");

        await page.GetByText("Back to clients").ClickAsync();
        await Expect(ortega.GetByTestId("last-visit")).ToHaveTextAsync("Today");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Row).Filter(new() { HasText = "Mateo Serrano" }).GetByTestId("last-visit")).ToHaveTextAsync("Never");
        await BrowserPages.ScreenshotAsync(page, "clients-after-check-in");
    }

    [Fact]
    public async Task A_Spanish_reader_s_client_page_takes_a_colleague_s_check_in_live_and_stays_in_Spanish()
    {
        await server.App.CreateStaffAsync("recepcion@test.gym", Roles.Staff);
        var elena = (await server.App.Services.GetRequiredService<ClientService>()
            .CreateAsync(new ClientInput { FirstName = "Elena", LastName = "Ruiz", Email = "elena.ruiz@example.com", Status = ClientStatus.Active, Stage = PipelineStage.Member })).Value!.Id;
        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "recepcion@test.gym", GymAppFactory.StaffPassword);
        await page.GotoAsync($"/culture/set?culture=es&returnUrl=%2Fclients%2F{elena}");
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("profile-last-visit")).ToHaveTextAsync("Nunca");
        await page.EvaluateAsync("window.stillTheSamePage = true");

        await ServerCulture.RunAsync(async () =>
        {
            await using var scope = server.App.Services.CreateAsyncScope();
            Assert.True((await scope.ServiceProvider.GetRequiredService<FrontDesk>().RegisterVisitAsync(elena)).Succeeded);
        });

        await Expect(page.GetByTestId("profile-last-visit")).ToHaveTextAsync("Hoy");
        await Expect(page.GetByTestId("visit-time")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("client-tabs")).ToContainTextAsync("Visitas (1)");
        await Expect(page.GetByTestId("client-tabs")).ToContainTextAsync("Membresías (0)");
        Assert.True(await page.EvaluateAsync<bool>("window.stillTheSamePage === true"));
        await BrowserPages.ScreenshotAsync(page, "client-es-after-a-colleague-s-check-in");
    }
}
