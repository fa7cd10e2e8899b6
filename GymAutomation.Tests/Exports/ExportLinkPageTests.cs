using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Retention;
using GymAutomation.Tests.Support;
using GymAutomation.Tests.Workflows;
using GymAutomation.Web.Features.ClientLists;
using GymAutomation.Web.Features.Scoring;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GymAutomation.Tests.Exports;

/// <summary>Each page's Export CSV link follows the page's filters as the user changes them.</summary>
public sealed class ExportLinkPageTests
{
    [Fact]
    public async Task The_client_lists_link_carries_its_search_status_and_stage()
    {
        using var spanish = new CultureScope("es");
        await using var ui = await SignedInAsync(Roles.Staff, Policies.AnyStaff);
        ui.RenderHost();
        var page = ui.Context.Render<ClientList>();
        Assert.Equal("/export/clients.csv", Href(page));
        Assert.Equal(UiText.App("ExportCsv", "es"), page.Find("[data-testid=export-csv]").TextContent.Trim());

        await page.InvokeAsync(() => page.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("o'hara, jr"));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<ClientStatus?>>().Instance.ValueChanged.InvokeAsync(ClientStatus.Lead));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<PipelineStage?>>().Instance.ValueChanged.InvokeAsync(PipelineStage.HotLead));

        page.WaitForAssertion(() => Assert.Equal("/export/clients.csv?search=o%27hara,%20jr&status=LEAD&stage=HotLead", Href(page)));
        Assert.True(page.Find("[data-testid=export-csv]").HasAttribute("download"));
    }

    [Fact]
    public async Task The_send_logs_link_carries_its_workflow_state_and_search()
    {
        await using var ui = await SignedInAsync(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        await using (var db = ui.Gym.CreateDb())
        {
            await ReportData.AddAsync(db, ui.Gym.Clock.UtcNow);
        }

        ui.RenderHost();
        var page = ui.Context.Render<SentEmails>();
        Assert.Equal("/export/sent-emails.csv", Href(page));

        // Each change goes through the address; the next one starts from the filters it left there.
        await page.InvokeAsync(() => page.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(7));
        page.WaitForAssertion(() => Assert.Equal("/export/sent-emails.csv?workflow=7", Href(page)));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<EmailSendStatus?>>().Instance.ValueChanged.InvokeAsync(EmailSendStatus.Failed));
        page.WaitForAssertion(() => Assert.Equal("/export/sent-emails.csv?workflow=7&status=Failed", Href(page)));
        page.Find("input[data-testid=email-search]").Input("bea");

        page.WaitForAssertion(() => Assert.Equal("/export/sent-emails.csv?workflow=7&status=Failed&search=bea", Href(page)));
    }

    [Fact]
    public async Task The_leaderboards_link_carries_its_stage_and_source()
    {
        await using var ui = await SignedInAsync(Roles.Staff, Policies.AnyStaff);
        ui.Get<NavigationManager>().NavigateTo("/marketing/automation/scoring/");
        ui.RenderHost();
        var page = ui.Context.Render<ScoringDashboard>();
        page.WaitForAssertion(() => Assert.Equal("/export/lead-scores.csv", Href(page)));

        // Each change goes through the address; the next one starts from the filters it left there.
        await page.InvokeAsync(() => page.FindComponent<MudSelect<PipelineStage?>>().Instance.ValueChanged.InvokeAsync(PipelineStage.Contacted));
        page.WaitForAssertion(() => Assert.Equal("/export/lead-scores.csv?stage=Contacted", Href(page)));
        await page.InvokeAsync(() => page.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("walk-in"));

        page.WaitForAssertion(() => Assert.Equal("/export/lead-scores.csv?stage=Contacted&source=walk-in", Href(page)));
    }

    [Fact]
    public async Task The_retention_boards_link_carries_the_filters_of_its_address()
    {
        await using var ui = await BoardUi.StartAsync();
        var host = ui.Render("?type=NO_ATTENDANCE&assignee=mine&risk=70&view=table&state=OPEN");

        host.WaitForAssertion(() => Assert.Equal("/export/alerts.csv?view=table&type=NO_ATTENDANCE&assignee=mine&risk=70&state=OPEN", Href(host)));

        ui.Navigation.NavigateTo(BoardUi.Path + "?risk=90&state=OPEN");

        host.WaitForAssertion(() => Assert.Equal("/export/alerts.csv?risk=90", Href(host)));
    }

    private static async Task<ComponentHost> SignedInAsync(string role, params string[] policies)
    {
        var ui = await ComponentHost.StartAsync();
        ui.SignIn(role, policies);
        return ui;
    }

    private static string? Href<T>(IRenderedComponent<T> page)
        where T : IComponent =>
        page.Find("[data-testid=export-csv]").GetAttribute("href");
}
