using Bunit;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GymAutomation.Tests.Workflows;

/// <summary>The workflow list and the sent email's preview in bunit, over the known data set of <see cref="ReportData"/>.</summary>
public sealed class WorkflowPagesTests : IAsyncLifetime
{
    private ComponentHost ui = null!;
    private ReportData data = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        await using var db = ui.Gym.CreateDb();
        data = await ReportData.AddAsync(db, ui.Gym.Clock.UtcNow);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public void The_list_shows_each_workflows_trigger_status_and_figures()
    {
        using var english = new CultureScope("en");

        var page = ui.Context.Render<Web.Features.Workflows.Workflows>();

        page.WaitForAssertion(() => Assert.Equal(["Welcome", "Win back"], page.FindAll("[data-testid=workflow-name]").Select(c => c.TextContent)));
        var welcome = page.FindAll("tbody tr")[0];
        Assert.Equal(
            ["Welcome", "Lead created", "Active", "1", "1", "4", "50%", "25%", "1"],
            welcome.QuerySelectorAll("td").Take(9).Select(c => c.TextContent.Trim()));
        var winBack = page.FindAll("tbody tr")[1];
        Assert.Equal(["Win back", "30 days without activity", "Inactive", "0", "0", "0", "—", "—", "0"], winBack.QuerySelectorAll("td").Take(9).Select(c => c.TextContent.Trim()));
        Assert.Equal($"/marketing/automation/workflows/{data.Welcome}/enrolments", page.Find($"[data-testid=enrolments-{data.Welcome}]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_row_opens_the_workflows_editor_and_an_empty_gym_says_what_to_do()
    {
        using var english = new CultureScope("en");
        var page = ui.Context.Render<Web.Features.Workflows.Workflows>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=workflow-name]").Count));

        await page.FindAll("tbody tr")[1].ClickAsync(new());

        Assert.EndsWith($"/marketing/automation/workflows/{data.WinBack}", ui.Get<Microsoft.AspNetCore.Components.NavigationManager>().Uri, StringComparison.Ordinal);
        await using (var db = ui.Gym.CreateDb())
        {
            db.EmailWorkflows.RemoveRange(db.EmailWorkflows);
            await db.SaveChangesAsync();
        }

        var empty = ui.Context.Render<Web.Features.Workflows.Workflows>();
        empty.WaitForAssertion(() => Assert.Contains("No email workflows yet", empty.Find("[data-testid=no-workflows]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_workflows_enrolments_page_shows_its_emails_by_day_and_its_enrolments()
    {
        using var english = new CultureScope("en");
        ui.RenderHost();

        var page = ui.Context.Render<WorkflowEnrolments>(p => p.Add(c => c.WorkflowId, data.Welcome));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=step-row]").Count));
        Assert.Equal(["Hello", "Day 0", "3", "2", "1", "0"], page.FindAll("[data-testid=step-row]")[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=enrolment-status]").Count));
        Assert.Contains("Visit us", page.Find("[data-testid=enrolment-grid]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sent_emails_page_lists_the_log_newest_first_with_failures_and_claims_marked_and_no_unconfirmed_count_when_there_are_none()
    {
        using var english = new CultureScope("en");
        ui.RenderHost();

        var page = ui.Context.Render<SentEmails>();

        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid=send-status]").Count));
        Assert.Equal(["Waiting to send", "Failed"], page.FindAll("[data-testid=send-status]").Take(2).Select(c => c.TextContent.Trim()));
        Assert.Equal("550 mailbox unavailable", page.Find("[data-testid=email-error]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=unconfirmed-count]"));
    }

    [Fact]
    public async Task The_sent_emails_page_takes_its_filters_from_the_address_and_keeps_changes_there()
    {
        using var english = new CultureScope("en");
        var navigation = ui.Get<NavigationManager>();
        navigation.NavigateTo($"/marketing/automation/emails/?workflow={data.Welcome}&status=failed");
        ui.RenderHost();

        var page = ui.Context.Render<SentEmails>();

        page.WaitForAssertion(() => Assert.Equal(["Failed"], page.FindAll("[data-testid=send-status]").Select(c => c.TextContent.Trim())));
        Assert.Equal("Failed", page.Find("[data-testid=email-status-filter]").TextContent.Trim());
        Assert.Equal("Welcome", page.Find("[data-testid=email-workflow-filter]").TextContent.Trim());

        await page.InvokeAsync(() => page.FindComponent<MudSelect<EmailSendStatus?>>().Instance.ValueChanged.InvokeAsync(null));

        Assert.EndsWith($"/marketing/automation/emails/?workflow={data.Welcome}", navigation.Uri, StringComparison.Ordinal);
        var welcome = (await ui.Get<WorkflowReports>().SendsAsync(new EmailSendQuery(data.Welcome))).TotalCount;
        Assert.True(welcome > 1);
        page.WaitForAssertion(() => Assert.Equal(welcome, page.FindAll("[data-testid=send-status]").Count));
    }

    [Fact]
    public async Task A_link_to_one_email_opens_the_log_with_its_details()
    {
        using var english = new CultureScope("en");
        var failed = (await ui.Get<WorkflowReports>().SendsAsync(new EmailSendQuery(data.Welcome, EmailSendStatus.Failed))).Items.Single();
        ui.Get<NavigationManager>().NavigateTo($"/marketing/automation/emails/?email={failed.Id}");
        var host = ui.RenderHost();

        ui.Context.Render<SentEmails>();

        host.WaitForAssertion(() => Assert.Contains("550 mailbox unavailable", host.Find("[data-testid=send-error]").TextContent, StringComparison.Ordinal));
        Assert.Contains(failed.ToAddress, host.Find("[data-testid=send-to]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_a_workflow_from_the_clients_page_for_an_opted_out_client_shows_the_refusal_in_the_dialog()
    {
        using var english = new CultureScope("en");
        var host = ui.RenderHost();
        var card = ui.Context.Render<ClientWorkflows>(p => p.Add(c => c.ClientId, data.Eva).Add(c => c.ClientName, "Eva Test"));
        card.WaitForAssertion(() => Assert.Contains("Not in any workflow", card.Markup, StringComparison.Ordinal));

        // The click waits for the dialog to close: left running while the test fills the dialog in.
        var clicked = card.Find("[data-testid=start-workflow]").ClickAsync(new());
        host.WaitForAssertion(() => host.FindComponent<MudSelect<int?>>());
        await host.InvokeAsync(() => host.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(data.Welcome));
        // Found and clicked on the renderer's thread: the choice re-renders the dialog, which renews the button's handler.
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save]").ClickAsync(new()));

        host.WaitForAssertion(() => Assert.Contains("This client has unsubscribed from emails.", host.Find("[data-testid=form-dialog]").TextContent, StringComparison.Ordinal));
        Assert.Empty(await ui.Get<WorkflowReports>().ForClientAsync(data.Eva));
        Assert.False(clicked.IsCompleted);
    }

    [Fact]
    public async Task A_failed_email_is_shown_in_a_sandbox_with_its_error_and_a_claim_as_waiting_for_the_next_run()
    {
        using var english = new CultureScope("en");
        var sends = await ui.Get<WorkflowReports>().SendsAsync(new EmailSendQuery(data.Welcome));
        var host = ui.RenderHost();

        await host.InvokeAsync(() => ui.Get<IDialogService>().ShowAsync<EmailSendDialog>(
            null, new DialogParameters<EmailSendDialog> { { d => d.SendId, sends.Items.Single(s => s.Status == EmailSendStatus.Failed).Id } }));

        host.WaitForAssertion(() => Assert.Contains("550 mailbox unavailable", host.Find("[data-testid=send-error]").TextContent, StringComparison.Ordinal));
        var frame = host.Find("iframe[data-testid=email-preview]");
        Assert.Equal("", frame.GetAttribute("sandbox"));
        Assert.Contains("<p>Visit us</p><script>alert(1)</script>", frame.GetAttribute("srcdoc"), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", frame.GetAttribute("srcdoc"), StringComparison.Ordinal);
        Assert.Empty(host.FindAll("script"));
        Assert.Contains("bea@example.com", host.Find("[data-testid=send-to]").TextContent, StringComparison.Ordinal);

        await host.InvokeAsync(() => ui.Get<IDialogService>().ShowAsync<EmailSendDialog>(
            null, new DialogParameters<EmailSendDialog> { { d => d.SendId, sends.Items.Single(s => s.Status == EmailSendStatus.Claimed).Id } }));
        host.WaitForAssertion(() => Assert.Contains("The next sending run sends it.", host.Find("[data-testid=claimed-note]").TextContent, StringComparison.Ordinal));
        Assert.Empty(host.FindAll("[data-testid=mark-as-sent]"));
        Assert.Empty(host.FindAll("[data-testid=send-again]"));
    }
}
