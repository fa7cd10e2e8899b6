using Bunit;
using GymAutomation.Core.Calendar;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Tests.Workflows;
using GymAutomation.Web.Features.Calendar;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GymAutomation.Tests.Calendar;

/// <summary>The managers' contact calendar page — the cap, the quiet days, the send window — and the log saying why an email moved.</summary>
public sealed class CalendarPageTests : IAsyncLifetime
{
    private ComponentHost ui = null!;

    public async Task InitializeAsync() => ui = await ComponentHost.StartAsync(new Dictionary<string, string?> { ["Workflows:SendWindowStart"] = "09:30" });

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task A_manager_changes_the_cap_and_wrong_numbers_are_refused_next_to_their_field()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForAssertion(() => Assert.Equal("1", host.Find("input[data-testid=cap-per-day]").GetAttribute("value")));
        Assert.Equal("3", host.Find("input[data-testid=cap-per-week]").GetAttribute("value"));
        Assert.Contains("09:30", host.Find("[data-testid=send-window-hours]").TextContent, StringComparison.Ordinal);

        await host.InvokeAsync(() => host.Find("input[data-testid=cap-per-day]").Change("4"));
        await host.InvokeAsync(() => host.Find("[data-testid=cap-save]").Click());

        host.WaitForAssertion(() => Assert.Equal("At least as many as in a day.", ErrorOf(host, "cap-per-week")));
        Assert.Equal(CalendarRules.DefaultMaxPerDay, (await ui.Get<ContactCalendarSettings>().CapAsync()).MaxPerDay);

        await host.InvokeAsync(() => host.Find("input[data-testid=cap-per-week]").Change("6"));
        await host.InvokeAsync(() => host.Find("[data-testid=cap-save]").Click());

        host.WaitForAssertion(() => Assert.Contains("Frequency cap saved.", host.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        var cap = await ui.Get<ContactCalendarSettings>().CapAsync();
        Assert.Equal((4, 6, "manager@test.gym"), (cap.MaxPerDay, cap.MaxPerWeek, cap.UpdatedBy));
        Assert.Null(ErrorOf(host, "cap-per-week"));
    }

    [Fact]
    public async Task A_quiet_day_needs_a_name_is_added_with_a_date_and_is_removed_after_a_confirmation()
    {
        using var english = new CultureScope("en");
        var host = Render();
        host.WaitForElement("[data-testid=quiet-days-empty]");
        var christmas = new DateOnly(ui.Gym.Clock.Today.Year, 12, 25);

        await host.InvokeAsync(() => host.FindComponent<MudDatePicker>().Instance.DateChanged.InvokeAsync(christmas.ToDateTime(TimeOnly.MinValue)));
        await host.InvokeAsync(() => host.Find("[data-testid=quiet-day-add]").Click());

        host.WaitForAssertion(() => Assert.Equal("This field is required.", ErrorOf(host, "quiet-day-name")));
        await host.InvokeAsync(() => host.Find("input[data-testid=quiet-day-name]").Change("Christmas"));
        await host.InvokeAsync(() => host.Find("[data-testid=quiet-day-add]").Click());

        host.WaitForAssertion(() => Assert.Contains("Christmas", Assert.Single(host.FindAll("[data-testid=quiet-day]")).TextContent, StringComparison.Ordinal));
        Assert.Contains("is a quiet day", host.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal);
        Assert.Equal([christmas], (await ui.Get<ContactCalendarSettings>().QuietDaysAsync()).Select(d => d.Date));

        var clicked = host.InvokeAsync(() => host.Find("[data-testid=quiet-day-delete]").Click());
        host.WaitForAssertion(() => Assert.Single(host.FindAll("button"), b => b.TextContent.Trim() == "Delete"));
        await host.InvokeAsync(() => host.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click());
        await clicked;

        host.WaitForElement("[data-testid=quiet-days-empty]");
        Assert.Empty(await ui.Get<ContactCalendarSettings>().QuietDaysAsync());
    }

    [Fact]
    public void The_page_reads_in_Spanish()
    {
        using var spanish = new CultureScope("es");
        var host = Render();

        host.WaitForElement("[data-testid=quiet-days-empty]");
        Assert.Contains("Límite de frecuencia", host.Markup, StringComparison.Ordinal);
        Assert.Contains("Aún no hay días sin envíos", host.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Moved from", "quiet day, daily limit reached")]
    [InlineData("es", "Movido desde", "día sin envíos, límite diario alcanzado")]
    public async Task The_sent_emails_log_says_why_an_email_was_moved_and_from_when(string language, string movedFrom, string reasons)
    {
        await using (var db = ui.Gym.CreateDb())
        {
            var data = await ReportData.AddAsync(db, ui.Gym.Clock.UtcNow);
            var dueAt = ui.Gym.Clock.UtcNow.AddDays(-2);
            await db.EmailSends.Where(s => s.ClientId == data.Ana).OrderBy(s => s.Id).Take(1)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.DueAt, dueAt).SetProperty(s => s.MovedBecause, SlotMoves.DailyCap | SlotMoves.QuietDay));
        }

        using var culture = new CultureScope(language);
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        ui.Get<NavigationManager>().NavigateTo("/marketing/automation/emails/");
        ui.RenderHost();

        var page = ui.Context.Render<SentEmails>();

        page.WaitForAssertion(() => Assert.Contains(movedFrom, Assert.Single(page.FindAll("[data-testid=moved-note]")).TextContent, StringComparison.Ordinal));
        var note = page.Find("[data-testid=moved-note]").TextContent;
        Assert.EndsWith(reasons, note.Trim(), StringComparison.Ordinal);
        Assert.Contains("8 ", note, StringComparison.Ordinal);
    }

    /// <summary>The error shown under a field, or null.</summary>
    private static string? ErrorOf(IRenderedComponent<MudHost> host, string testId) =>
        host.Find($"input[data-testid={testId}]").Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    private IRenderedComponent<MudHost> Render()
    {
        ui.SignIn(Roles.Manager, Policies.AnyStaff, Policies.Marketing, Policies.Management);
        return ui.RenderHost(b =>
        {
            b.OpenComponent<CalendarPage>(0);
            b.CloseComponent();
        });
    }
}
