using System.Text.RegularExpressions;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using DashboardPage = GymAutomation.Web.Features.Dashboard.Dashboard;

namespace GymAutomation.Tests.Browser;

/// <summary>
/// A load of the dashboard shows the figures already read while nothing has moved since, and its live circuit keeps the
/// figures shown while prerendering unless a change that moves them arrived since that read.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPrerenderBrowserTests(BrowserFixture browser, DashboardPrerenderBrowserTests.CountingServer server)
    : IClassFixture<DashboardPrerenderBrowserTests.CountingServer>
{
    private CountingApp App => server.App;

    [Fact]
    public async Task A_load_shows_the_figures_already_read_and_a_change_between_prerender_and_circuit_is_read()
    {
        await App.CreateStaffAsync("maria@test.gym", Roles.Manager);
        var page = await browser.NewPageAsync(server.BaseUrl);
        await BrowserPages.SignInAsync(page, "maria@test.gym", GymAppFactory.StaffPassword);
        // A manager lands on the dashboard: the alerts opened now reach it live, and that read is the one kept.
        await Expect(page).ToHaveURLAsync(new Regex("/marketing/automation/$"));
        await BrowserPages.WaitForInteractiveAsync(page);
        var iris = await AlertAsync("Iris");
        await AlertAsync("Hugo");
        await Expect(page.GetByTestId("kpi-open-alerts").GetByTestId("kpi-value")).ToHaveTextAsync("2");
        // The second alert may come in a second delivery, one live interval after the first.
        await Task.Delay(DashboardPage.LiveInterval * 2);

        var reads = App.Reads;
        await page.GotoAsync("/marketing/automation/");
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("kpi-open-alerts").GetByTestId("kpi-value")).ToHaveTextAsync("2");
        // A read would come as the circuit starts: give it the time a live update takes.
        await Task.Delay(1_000);
        Assert.Equal(0, App.Reads - reads);

        // The next load stops between the server's first response and the circuit: the script that starts it waits.
        var circuitMayStart = new TaskCompletionSource();
        await page.RouteAsync("**/_framework/blazor.web*.js", async route =>
        {
            await circuitMayStart.Task;
            await route.ContinueAsync();
        });
        reads = App.Reads;
        await page.GotoAsync("/marketing/automation/", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByTestId("kpi-open-alerts").GetByTestId("kpi-value")).ToHaveTextAsync("2");
        Assert.Equal(0, App.Reads - reads);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<RetentionAlerts>()
                .ResolveAsync(iris.Id, iris.Version, AlertOutcome.Contacted, null, new StaffActor("colleague", "Colleague"));
            Assert.True(result.Succeeded);
        }

        circuitMayStart.SetResult();
        await BrowserPages.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("kpi-open-alerts").GetByTestId("kpi-value")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("kpi-resolved-this-week").GetByTestId("kpi-value")).ToHaveTextAsync("1");
        // The circuit reads as it starts; the colleague's change, delivered live up to an interval later, may find the
        // circuit already listening and be read once more (seen once in CI).
        Assert.InRange(App.Reads - reads, 1, 2);
        await BrowserPages.ScreenshotAsync(page, "dashboard-after-a-change-between-prerender-and-circuit");
    }

    private Task<RetentionAlert> AlertAsync(string firstName) => DashboardAlerts.OpenAsync(App.Services, firstName);

    /// <summary>The app on a real Kestrel port, counting the dashboard's reads.</summary>
    public sealed class CountingServer : IAsyncLifetime
    {
        public CountingApp App { get; } = new();

        public Uri BaseUrl { get; private set; } = null!;

        public Task InitializeAsync()
        {
            BaseUrl = App.StartKestrel();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>The app, counting the dashboard's reads by the one statement each read runs on workflow enrolments.</summary>
    public sealed class CountingApp : GymAppFactory
    {
        private readonly SqlCounter counter = new();

        public CountingApp() => Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";

        public int Reads => counter.Count;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(counter));
        }
    }

    private sealed class SqlCounter : ILoggerProvider, ILogger
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).Contains("FROM \"WorkflowEnrolments\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref count);
            }
        }

        public void Dispose()
        {
        }
    }
}
