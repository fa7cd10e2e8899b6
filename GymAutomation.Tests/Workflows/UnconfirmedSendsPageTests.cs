using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using GymAutomation.Core.Email;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace GymAutomation.Tests.Workflows;

/// <summary>
/// The sent-emails log with an unconfirmed send (Ana's second email of <see cref="ReportData"/>, left by a run that
/// died while the server had it): its count, its filter, and the two decisions staff take on it, against a real SMTP server.
/// </summary>
public sealed class UnconfirmedSendsPageTests : IAsyncLifetime
{
    private const string EarlierMessageId = "first-attempt@demo.gym";

    private SmtpTestServer smtp = null!;
    private ComponentHost ui = null!;
    private ReportData data = null!;
    private long sendId;

    public async Task InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();
        ui = await ComponentHost.StartAsync(smtp.Settings());
        await using var db = ui.Gym.CreateDb();
        data = await ReportData.AddAsync(db, ui.Gym.Clock.UtcNow);
        var visit = data.WelcomeSteps[2];
        var attemptAt = ui.Gym.Clock.UtcNow.AddMinutes(-50);
        sendId = await db.EmailSends.Where(s => s.ClientId == data.Ana && s.StepId == visit).Select(s => s.Id).SingleAsync();
        await db.EmailSends.Where(s => s.Id == sendId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, EmailSendStatus.Unconfirmed)
            .SetProperty(s => s.AttemptStartedAt, attemptAt)
            .SetProperty(s => s.Attempts, 1)
            .SetProperty(s => s.MessageId, EarlierMessageId));
        await db.WorkflowEnrolments.Where(e => e.ClientId == data.Ana).ExecuteUpdateAsync(u => u.SetProperty(e => e.NextDueAt, (DateTime?)null));
    }

    public async Task DisposeAsync()
    {
        await ui.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_log_counts_unconfirmed_emails_and_filters_them_from_the_address()
    {
        using var english = new CultureScope("en");
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        var navigation = ui.Get<NavigationManager>();
        navigation.NavigateTo("/marketing/automation/emails/");
        ui.RenderHost();

        var page = ui.Context.Render<SentEmails>();

        page.WaitForAssertion(() => Assert.Equal(6, page.FindAll("[data-testid=send-status]").Count));
        // The grid reads its rows on its own: the count may arrive after them.
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=unconfirmed-count]").GetAttribute("data-count")));
        Assert.Contains("Unconfirmed emails waiting for a decision: 1", page.Find("[data-testid=unconfirmed-count]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Unconfirmed", "Failed"], page.FindAll("[data-testid=send-status]").Take(2).Select(c => c.TextContent.Trim()));

        await page.Find("[data-testid=show-unconfirmed]").ClickAsync(new());

        Assert.EndsWith("/marketing/automation/emails/?status=UNCONFIRMED", navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(["Unconfirmed"], page.FindAll("[data-testid=send-status]").Select(c => c.TextContent.Trim())));
        Assert.Equal("Unconfirmed", page.Find("[data-testid=email-status-filter]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=show-unconfirmed]"));
    }

    [Fact]
    public void A_client_waiting_for_an_unconfirmed_email_shows_it_as_being_sent_not_as_due()
    {
        using var english = new CultureScope("en");
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        ui.RenderHost();

        var card = ui.Context.Render<ClientWorkflows>(p => p.Add(c => c.ClientId, data.Ana).Add(c => c.ClientName, "Ana Test"));

        card.WaitForAssertion(() => Assert.Contains(
            "Next: Visit us, being sent (waiting for its delivery to be confirmed)", card.Find("[data-testid=client-enrolment]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_states_read_as_words_in_Spanish()
    {
        using var spanish = new CultureScope("es");
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        ui.Get<NavigationManager>().NavigateTo("/marketing/automation/emails/?status=unconfirmed");
        ui.RenderHost();

        var page = ui.Context.Render<SentEmails>();

        page.WaitForAssertion(() => Assert.Equal(["Sin confirmar"], page.FindAll("[data-testid=send-status]").Select(c => c.TextContent.Trim())));
        page.WaitForAssertion(() => Assert.Contains("Emails sin confirmar que esperan una decisión: 1", page.Find("[data-testid=unconfirmed-count]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mark_as_sent_asks_first_then_records_who_and_moves_the_client_on()
    {
        using var english = new CultureScope("en");
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        var host = await OpenAsync();
        Assert.Contains("may or may not have arrived", host.Find("[data-testid=unconfirmed-warning]").TextContent, StringComparison.Ordinal);
        Assert.Equal(EarlierMessageId, host.Find("[data-testid=send-message-id]").TextContent.Trim());

        // The click waits for the confirmation to close: left running while the test answers it.
        var clicked = host.Find("[data-testid=mark-as-sent]").ClickAsync(new());
        await Confirm(host, "Mark as sent").ClickAsync(new());
        await clicked;

        host.WaitForAssertion(() => Assert.Contains("Marked as sent.", host.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        host.WaitForAssertion(() => Assert.Contains("marked as sent by marketer@test.gym (Message-ID first-attempt@demo.gym)", host.Find("[data-testid=send-decision]").TextContent, StringComparison.Ordinal));
        Assert.Empty(host.FindAll("[data-testid=mark-as-sent]"));
        await using var db = ui.Gym.CreateDb();
        var send = await db.EmailSends.SingleAsync(s => s.Id == sendId);
        Assert.Equal((EmailSendStatus.Sent, send.AttemptStartedAt), (send.Status, send.SentAt));
        var enrolment = await db.WorkflowEnrolments.SingleAsync(e => e.ClientId == data.Ana);
        var waitBeforeOffer = await db.WorkflowSteps.Where(s => s.WorkflowId == data.Welcome && s.Kind == StepKind.Wait && s.Position == 5).Select(s => s.Id).SingleAsync();
        Assert.Equal((waitBeforeOffer, send.SentAt!.Value.AddDays(3)), (enrolment.NextStepId!.Value, enrolment.NextDueAt!.Value));
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task Send_again_asks_first_then_delivers_it_once_more_under_a_new_Message_ID()
    {
        using var english = new CultureScope("en");
        ui.SignIn(Roles.Manager, Policies.AnyStaff, Policies.Marketing, Policies.Management);
        var host = await OpenAsync();

        var clicked = host.Find("[data-testid=send-again]").ClickAsync(new());
        host.WaitForAssertion(() => Assert.Contains("the client will have it twice", host.Markup, StringComparison.Ordinal));
        await Confirm(host, "Send again").ClickAsync(new());
        await clicked;

        host.WaitForAssertion(() => Assert.Contains("Sent again.", host.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        var received = Assert.Single(smtp.Messages());
        Assert.Equal("ana@example.com", received.To.Mailboxes.Single().Address);
        host.WaitForAssertion(() => Assert.Equal(received.MessageId, host.Find("[data-testid=send-message-id]").TextContent.Trim()));
        Assert.Contains("sent again by manager@test.gym; the earlier attempt was Message-ID first-attempt@demo.gym", host.Find("[data-testid=send-decision]").TextContent, StringComparison.Ordinal);
        await using var db = ui.Gym.CreateDb();
        var send = await db.EmailSends.SingleAsync(s => s.Id == sendId);
        Assert.Equal((EmailSendStatus.Sent, 2, received.MessageId), (send.Status, send.Attempts, send.MessageId));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        using var english = new CultureScope("en");
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        var host = await OpenAsync();

        var clicked = host.Find("[data-testid=send-again]").ClickAsync(new());
        await Button(host, "Cancel", confirmationOnly: false).ClickAsync(new());
        await clicked;

        host.WaitForAssertion(() => Assert.DoesNotContain(host.FindAll("button"), b => b.TextContent.Trim() == "Cancel"));
        Assert.Empty(smtp.Messages());
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(EmailSendStatus.Unconfirmed, (await db.EmailSends.SingleAsync(s => s.Id == sendId)).Status);
    }

    [Fact]
    public async Task A_server_that_never_answered_is_said_in_the_readers_language_with_the_servers_words_beneath_in_the_log_and_the_email()
    {
        await using (var db = ui.Gym.CreateDb())
        {
            await db.EmailSends.Where(s => s.Id == sendId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Error, Reason).SetProperty(s => s.Failure, EmailFailure.Unconfirmed));
        }

        using var spanish = new CultureScope("es");
        var (page, host) = await OpenLogAndEmailAsync();

        const string Kind = "El servidor de correo recibió el mensaje pero no lo confirmó a tiempo: puede que llegue. Mira la bandeja de entrada antes de enviarlo otra vez.";
        page.WaitForAssertion(() => Assert.Equal([Kind], page.FindAll("[data-testid=email-error] [data-testid=failure-kind]").Select(e => e.TextContent.Trim())));
        Assert.Equal([Reason], page.FindAll("[data-testid=email-error] [data-testid=failure-words]").Select(e => e.TextContent.Trim()));
        host.WaitForAssertion(() => Assert.Equal(Kind, host.Find("[data-testid=unconfirmed-reason] [data-testid=failure-kind]").TextContent.Trim()));
        Assert.Equal(Reason, host.Find("[data-testid=unconfirmed-reason] [data-testid=failure-words]").TextContent.Trim());
    }

    [Fact]
    public async Task A_send_that_failed_before_the_kind_was_kept_shows_the_servers_words_alone()
    {
        await using (var db = ui.Gym.CreateDb())
        {
            await db.EmailSends.Where(s => s.Id == sendId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Error, Reason));
        }

        using var english = new CultureScope("en");
        var (page, host) = await OpenLogAndEmailAsync();

        page.WaitForAssertion(() => Assert.Equal([Reason], page.FindAll("[data-testid=email-error]").Select(e => e.TextContent.Trim())));
        Assert.Empty(page.FindAll("[data-testid=failure-kind]"));
        host.WaitForAssertion(() => Assert.Equal(Reason, host.Find("[data-testid=unconfirmed-reason]").TextContent.Trim()));
    }

    private const string Reason = "smtp.test:25 was handed the whole message but did not answer within 30 seconds, so it may have arrived: not sent again until someone decides.";

    /// <summary>The log filtered to unconfirmed emails, and the email's dialog open over it.</summary>
    private async Task<(IRenderedComponent<SentEmails> Page, IRenderedComponent<MudHost> Host)> OpenLogAndEmailAsync()
    {
        ui.SignIn(Roles.Marketer, Policies.AnyStaff, Policies.Marketing);
        ui.Get<NavigationManager>().NavigateTo("/marketing/automation/emails/?status=unconfirmed");
        var host = ui.RenderHost();
        var page = ui.Context.Render<SentEmails>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=email-error]")));
        await host.InvokeAsync(() => ui.Get<IDialogService>().ShowAsync<EmailSendDialog>(null, new DialogParameters<EmailSendDialog> { { d => d.SendId, sendId } }));
        return (page, host);
    }

    [Fact]
    public async Task Staff_without_the_workflows_policy_see_the_email_but_no_action()
    {
        using var english = new CultureScope("en");
        ui.SignIn(Roles.Staff, Policies.AnyStaff);

        var host = await OpenAsync();

        Assert.Empty(host.FindAll("[data-testid=mark-as-sent]"));
        Assert.Empty(host.FindAll("[data-testid=send-again]"));
    }

    private async Task<IRenderedComponent<MudHost>> OpenAsync()
    {
        var host = ui.RenderHost();
        await host.InvokeAsync(() => ui.Get<IDialogService>().ShowAsync<EmailSendDialog>(null, new DialogParameters<EmailSendDialog> { { d => d.SendId, sendId } }));
        host.WaitForAssertion(() => host.Find("[data-testid=unconfirmed-warning]"));
        return host;
    }

    /// <summary>The confirmation's own button: the one with the action's words that is not the email dialog's.</summary>
    private static IElement Confirm(IRenderedComponent<MudHost> host, string text) => Button(host, text, confirmationOnly: true);

    private static IElement Button(IRenderedComponent<MudHost> host, string text, bool confirmationOnly)
    {
        IElement? button = null;
        host.WaitForAssertion(() => button = host.FindAll("button").Single(b => b.TextContent.Trim() == text && !(confirmationOnly && b.HasAttribute("data-testid"))));
        return button!;
    }
}
