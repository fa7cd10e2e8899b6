using AngleSharp.Dom;
using Bunit;
using GymAutomation.Core.Retention;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Extensions;

namespace GymAutomation.Tests.Retention;

/// <summary>The retention board in bunit: columns, cards, filters, the resolve dialog, conflicts and live changes.</summary>
public sealed class RetentionBoardPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private BoardUi ui = null!;

    public async Task InitializeAsync() => ui = await BoardUi.StartAsync();

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_board_shows_each_state_in_its_column_with_its_count_and_what_each_card_says()
    {
        using var english = new CultureScope("en");
        var iris = await ui.AlertAsync("Iris", risk: 90, phone: "+34 600 000 001");
        var hugo = await ui.AlertAsync("Hugo", risk: 60);
        var lola = await ui.AlertAsync("Lola", risk: 30);
        var bea = await ui.AlertAsync("Bea", status: AlertStatus.InProgress, assignedToId: ui.Ben.Id);
        var rui = await ui.AlertAsync("Rui", status: AlertStatus.Resolved, outcome: AlertOutcome.Contacted, closingNote: "Coming back on Monday");
        var ada = await ui.AlertAsync("Ada", status: AlertStatus.Resolved, outcome: AlertOutcome.Returned, automatic: true);
        var dan = await ui.AlertAsync("Dan", status: AlertStatus.Dismissed, closingNote: "Injured, on leave until May");

        var host = ui.Render();

        // The columns' titles show while their cards are read; the counts only once they are.
        host.WaitForAssertion(() => Assert.Equal(["3", "1", "2", "1"], Texts(host.FindAll("[data-testid=column-count]"))));
        Assert.Equal(["Open", "In progress", "Resolved", "Dismissed"], Texts(host.FindAll("[data-testid=column-title]")));
        Assert.Equal(["Iris Test", "Hugo Test", "Lola Test"], Names(host, AlertStatus.Open));
        Assert.Equal(["Bea Test"], Names(host, AlertStatus.InProgress));
        Assert.Equal(["Ada Test", "Rui Test"], Names(host, AlertStatus.Resolved).Order());
        Assert.Equal(["Dan Test"], Names(host, AlertStatus.Dismissed));

        var card = Card(host, iris);
        Assert.Equal("No attendance", Text(card, "alert-type"));
        Assert.Equal("No visit for 14 days: last visit 17 days ago, on 21 Feb 2026.", Text(card, "alert-explanation"));
        Assert.Equal("Last visit 17 days ago", Text(card, "alert-last-visit"));
        Assert.Equal("Unassigned", Text(card, "alert-assignee"));
        Assert.Equal("Opened 3 days ago", Text(card, "alert-age"));
        Assert.Equal("0", Text(card, "alert-notes"));
        Assert.StartsWith("/clients/", card.QuerySelector("[data-testid=alert-client]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(
            [("90", "mud-chip-color-error"), ("60", "mud-chip-color-warning"), ("30", "mud-chip-color-info")],
            new[] { iris, hugo, lola }.Select(id => Card(host, id).QuerySelector("[data-testid=risk-chip]")!)
                .Select(chip => (chip.TextContent.Trim(), chip.ClassList.Single(c => c.StartsWith("mud-chip-color-", StringComparison.Ordinal)))));
        Assert.Equal("Ben Staff", Text(Card(host, bea), "alert-assignee"));
        Assert.Equal("Contacted — Coming back on Monday", Text(Card(host, rui), "alert-ending"));
        Assert.Equal("Resolved yesterday", Text(Card(host, rui), "alert-age"));
        Assert.Equal("Resolved automatically", Text(Card(host, ada), "alert-automatic"));
        Assert.EndsWith("Came back", Text(Card(host, ada), "alert-ending"), StringComparison.Ordinal);
        Assert.Equal("Dismissed: Injured, on leave until May", Text(Card(host, dan), "alert-ending"));
        Assert.NotEmpty(host.FindAll("[data-testid=open-digest]"));
        Assert.Empty(host.FindAll("[data-testid=open-rules]"));
    }

    [Fact]
    public void With_no_alerts_at_all_the_board_says_the_daily_scan_opens_them_and_when_it_runs_next()
    {
        using var english = new CultureScope("en");

        var host = ui.Render();

        // 10:00 in Madrid now; the scan runs at 08:00 gym time.
        host.WaitForAssertion(() => Assert.Equal(
            "The daily scan opens an alert for each member at risk; the next one runs 11/03/2026 08:00.",
            Normalize(host.Find("[data-testid=next-scan]").TextContent)));
        Assert.Empty(host.FindAll("[data-testid=alert-board]"));
        Assert.Empty(host.FindAll("[data-testid=open-jobs]"));
    }

    [Fact]
    public async Task Mine_unassigned_type_and_risk_narrow_the_board_and_the_address_keeps_them()
    {
        using var english = new CultureScope("en");
        await ui.AlertAsync("Pau", risk: 95, type: AlertType.PaymentFailed);
        await ui.AlertAsync("Mia", risk: 80, assignedToId: ui.Ana.Id);
        await ui.AlertAsync("Bruno", risk: 75, assignedToId: ui.Ben.Id);
        await ui.AlertAsync("Uma", risk: 55);
        var host = ui.Render();
        host.WaitForAssertion(() => Assert.Equal(["Pau Test", "Mia Test", "Bruno Test", "Uma Test"], Names(host, AlertStatus.Open)));

        await SelectAsync(host, "Assigned to", "mine");
        host.WaitForAssertion(() => Assert.Equal(["Mia Test"], Names(host, AlertStatus.Open)));
        Assert.EndsWith("/marketing/automation/retention/?assignee=mine", ui.Navigation.Uri, StringComparison.Ordinal);

        await SelectAsync(host, "Assigned to", ui.Ben.Id);
        host.WaitForAssertion(() => Assert.Equal(["Bruno Test"], Names(host, AlertStatus.Open)));

        await SelectAsync(host, "Assigned to", "unassigned");
        host.WaitForAssertion(() => Assert.Equal(["Pau Test", "Uma Test"], Names(host, AlertStatus.Open)));

        await SelectAsync(host, "Type", "PAYMENT_FAILED");
        host.WaitForAssertion(() => Assert.Equal(["Pau Test"], Names(host, AlertStatus.Open)));
        host.WaitForAssertion(() => Assert.Equal(["1", "0", "0", "0"], Texts(host.FindAll("[data-testid=column-count]"))));
        Assert.Contains("type=PAYMENT_FAILED", ui.Navigation.Uri, StringComparison.Ordinal);
        Assert.Contains("assignee=unassigned", ui.Navigation.Uri, StringComparison.Ordinal);

        host.Find("[data-testid=clear-filters]").Click();
        host.WaitForAssertion(() => Assert.Equal(4, Names(host, AlertStatus.Open).Count));
        await SelectAsync(host, "Risk", 70);
        host.WaitForAssertion(() => Assert.Equal(["Pau Test", "Mia Test", "Bruno Test"], Names(host, AlertStatus.Open)));
        Assert.EndsWith("?risk=70", ui.Navigation.Uri, StringComparison.Ordinal);

        // A link (or a reload) with filters shows what it says.
        ui.Navigation.NavigateTo(BoardUi.Path + "?risk=90&type=NO_ATTENDANCE");
        host.WaitForAssertion(() => Assert.Contains("No alerts match these filters.", host.Find("[data-testid=no-matches]").TextContent, StringComparison.Ordinal));
        ui.Navigation.NavigateTo(BoardUi.Path + "?risk=90");
        host.WaitForAssertion(() => Assert.Equal(["Pau Test"], Names(host, AlertStatus.Open)));
    }

    [Fact]
    public async Task A_link_to_mine_shows_the_signed_in_members_alerts_from_the_first_read()
    {
        using var english = new CultureScope("en");
        await ui.AlertAsync("Mia", assignedToId: ui.Ana.Id);
        await ui.AlertAsync("Uma");

        var host = ui.Render("?assignee=mine");

        host.WaitForAssertion(() => Assert.Equal(["Mia Test"], Names(host, AlertStatus.Open)));
        Assert.Equal("mine", host.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Assigned to").Instance.GetState(x => x.Value));
    }

    [Fact]
    public async Task Resolving_without_an_outcome_shows_the_error_next_to_it_and_changes_nothing_and_cancelling_leaves_the_card()
    {
        using var english = new CultureScope("en");
        var iris = await ui.AlertAsync("Iris", risk: 90);
        await ui.AlertAsync("Hugo", risk: 60);
        var host = ui.Render();
        host.WaitForAssertion(() => Assert.Equal(["Iris Test", "Hugo Test"], Names(host, AlertStatus.Open)));

        await DropAsync(host, iris, AlertStatus.Resolved);
        host.WaitForAssertion(() => host.Find("[data-testid=resolve-dialog]"));
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() => Assert.Equal("Choose how it ended.", host.Find("[data-testid=outcome-error]").TextContent.Trim()));
        var unchanged = await ui.AlertOfAsync(iris);
        Assert.Equal((AlertStatus.Open, 0), (unchanged.Status, unchanged.Version));

        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=resolve-dialog]")));
        host.WaitForAssertion(() => Assert.Equal(["Iris Test", "Hugo Test"], Names(host, AlertStatus.Open)));
        Assert.Empty(Names(host, AlertStatus.Resolved));
    }

    [Fact]
    public async Task Resolving_from_the_card_menu_with_an_outcome_and_a_note_moves_the_card_and_says_so()
    {
        using var english = new CultureScope("en");
        var iris = await ui.AlertAsync("Iris", risk: 90);
        var host = ui.Render();
        host.WaitForAssertion(() => Assert.Equal(["Iris Test"], Names(host, AlertStatus.Open)));

        await ChooseAsync(host, iris, "action-resolve");
        host.WaitForAssertion(() => host.Find("[data-testid=resolve-dialog]"));
        await host.InvokeAsync(() => host.FindComponent<MudRadioGroup<AlertOutcome?>>().Instance.ValueChanged.InvokeAsync(AlertOutcome.Contacted));
        host.Find("textarea[data-testid=resolve-note]").Change("Phoned her, coming back on Monday");
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() => Assert.Equal(["Iris Test"], Names(host, AlertStatus.Resolved)));
        Assert.Contains("Iris Test's alert resolved.", host.Markup, StringComparison.Ordinal);
        Assert.Equal("Contacted — Phoned her, coming back on Monday", Text(Card(host, iris), "alert-ending"));
        var resolved = await ui.AlertOfAsync(iris);
        Assert.Equal((AlertStatus.Resolved, AlertOutcome.Contacted, ui.Ana.Id), (resolved.Status, resolved.Outcome, resolved.ClosedById));
    }

    [Fact]
    public async Task A_colleagues_change_the_board_had_not_seen_is_a_conflict_that_overwrites_nothing_and_shows_the_latest_state()
    {
        using var english = new CultureScope("en");
        var iris = await ui.AlertAsync("Iris", risk: 90);
        var host = ui.Render();
        host.WaitForAssertion(() => Assert.Equal(["Iris Test"], Names(host, AlertStatus.Open)));
        // Ben takes the alert behind the board's back (no live change): the board still shows version 0.
        await BehindTheBoardAsync(iris, AlertStatus.InProgress, ui.Ben.Id, version: 1);

        await ChooseAsync(host, iris, "action-start");

        host.WaitForAssertion(() => Assert.Contains(RetentionText.Conflict, host.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        host.WaitForAssertion(() => Assert.Equal(["Iris Test"], Names(host, AlertStatus.InProgress)));
        Assert.Equal("Ben Staff", Text(Card(host, iris), "alert-assignee"));
        var kept = await ui.AlertOfAsync(iris);
        Assert.Equal((AlertStatus.InProgress, ui.Ben.Id, 1), (kept.Status, kept.AssignedToId, kept.Version));

        // Again in a dialog: the conflict shows in the dialog too, with the alert's state now.
        await BehindTheBoardAsync(iris, AlertStatus.Open, null, version: 2);
        await DropAsync(host, iris, AlertStatus.Dismissed);
        host.WaitForAssertion(() => host.Find("textarea[data-testid=dismiss-reason]"));
        host.Find("textarea[data-testid=dismiss-reason]").Change("Moved to another city");
        host.Find("[data-testid=dialog-save]").Click();

        host.WaitForAssertion(() => Assert.Equal(
            $"{RetentionText.Conflict} Its state now: Open; assigned to: Unassigned.",
            host.Find(".mud-dialog .mud-alert-message").TextContent.Trim()));
        var stillOpen = await ui.AlertOfAsync(iris);
        Assert.Equal((AlertStatus.Open, 2), (stillOpen.Status, stillOpen.Version));

        // Saving again acts on the state the dialog now shows.
        host.Find("[data-testid=dialog-save]").Click();
        host.WaitForAssertion(() => Assert.Equal(["Iris Test"], Names(host, AlertStatus.Dismissed)));
        Assert.Equal("Dismissed: Moved to another city", Text(Card(host, iris), "alert-ending"));
    }

    [Fact]
    public async Task A_colleagues_move_and_the_scans_new_alert_show_live_and_flash_without_navigating()
    {
        using var english = new CultureScope("en");
        var iris = await ui.AlertAsync("Iris", risk: 90);
        var hugo = await ui.AlertAsync("Hugo", risk: 60);
        var host = ui.Render();
        host.WaitForAssertion(() => Assert.Equal(["Iris Test", "Hugo Test"], Names(host, AlertStatus.Open)));
        var uri = ui.Navigation.Uri;

        Assert.True((await ui.Gym.Get<RetentionAlerts>().ResolveAsync(iris, 0, AlertOutcome.Renewed, null, ui.BenActing)).Succeeded);

        host.WaitForAssertion(() =>
        {
            Assert.Equal(["Iris Test"], Names(host, AlertStatus.Resolved));
            Assert.Equal(["Hugo Test"], Names(host, AlertStatus.Open));
            Assert.Equal(["1", "0", "1", "0"], Texts(host.FindAll("[data-testid=column-count]")));
        }, Live);
        Assert.Contains("alert-flash-", Card(host, iris).ClassName, StringComparison.Ordinal);

        await ui.MemberAsync("Nora", lastVisitDaysAgo: 20);
        await ui.Gym.Get<RetentionScan>().RunAsync(CancellationToken.None);

        // The scan opens Nora's alert and raises Hugo's to the 14-day rule's 70: the older of the two comes first.
        host.WaitForAssertion(() =>
        {
            Assert.Equal(["Hugo Test", "Nora Test"], Names(host, AlertStatus.Open));
            Assert.Equal(["70", "70"], Texts(host.Find("[data-testid=column-OPEN]").QuerySelectorAll("[data-testid=risk-chip]")));
        }, Live);
        Assert.Contains("alert-flash-", Card(host, hugo).ClassName, StringComparison.Ordinal);
        Assert.Equal(uri, ui.Navigation.Uri);
    }

    [Fact]
    public async Task A_change_from_the_servers_thread_moves_the_card_and_the_board_stays_in_the_users_language_and_formats()
    {
        using var spanish = new CultureScope("es");
        var iris = await ui.AlertAsync("Iris", risk: 90);
        var hugo = await ui.AlertAsync("Hugo", risk: 60);
        var host = ui.Render();
        host.WaitForAssertion(() => Assert.Equal(["Iris Test", "Hugo Test"], Names(host, AlertStatus.Open)));
        var before = (Titles: Texts(host.FindAll("[data-testid=column-title]")), Hugo: Card(host, hugo).TextContent);

        await ServerCulture.RunAsync(async () =>
            Assert.True((await ui.Gym.Get<RetentionAlerts>().ResolveAsync(iris, 0, AlertOutcome.Renewed, null, ui.BenActing)).Succeeded));

        host.WaitForAssertion(() => Assert.Equal(["Iris Test"], Names(host, AlertStatus.Resolved)), Live);
        Assert.Equal(["Abierta", "En proceso", "Resuelta", "Descartada"], before.Titles);
        Assert.Equal(before.Titles, Texts(host.FindAll("[data-testid=column-title]")));
        Assert.Equal(before.Hugo, Card(host, hugo).TextContent);
        Assert.StartsWith("Abierta ", Text(Card(host, hugo), "alert-age"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_with_an_alert_opens_the_board_with_that_alerts_details()
    {
        using var english = new CultureScope("en");
        await ui.AlertAsync("Iris", risk: 90, phone: "+34600000001");
        var hugo = await ui.AlertAsync("Hugo", risk: 70, phone: "+34600000002");

        var host = ui.Render($"?alert={hugo}");

        host.WaitForAssertion(() => Assert.Equal("tel:+34600000002", host.Find("[data-testid=details-call]").GetAttribute("href")));
        host.WaitForAssertion(() => Assert.Equal(["Iris Test", "Hugo Test"], Names(host, AlertStatus.Open)));
    }

    [Fact]
    public async Task The_details_show_the_history_from_the_opening_and_a_note_added_with_enter_joins_the_thread()
    {
        using var english = new CultureScope("en");
        var iris = await ui.AlertAsync("Iris", risk: 90, phone: "+34600000001");
        Assert.True((await ui.Gym.Get<RetentionAlerts>().StartAsync(iris, 0, ui.BenActing)).Succeeded);
        var host = ui.Render();
        host.WaitForAssertion(() => Assert.Equal(["Iris Test"], Names(host, AlertStatus.InProgress)));

        Card(host, iris).QuerySelector("[data-testid=alert-notes]")!.Click();

        host.WaitForAssertion(() => Assert.Equal(
            ["Assigned to Ben Staff", "Started", "Opened by the rule \"No visit for 14 days\""],
            Texts(host.FindAll("[data-testid=history-line] .alert-history-what"))));
        Assert.Equal("tel:+34600000001", host.Find("[data-testid=details-call]").GetAttribute("href"));
        Assert.Equal("mailto:iris@example.com", host.Find("[data-testid=details-email]").GetAttribute("href"));
        Assert.NotEmpty(host.FindAll("[data-testid=no-notes]"));

        var input = host.Find("input[data-testid=note-input]");
        input.Input("Left a voicemail");
        input.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        host.WaitForAssertion(() => Assert.Equal(["Left a voicemail"], Texts(host.FindAll("[data-testid=note-text]"))));
        Assert.True((await ui.Gym.Get<RetentionAlerts>().AddNoteAsync(iris, "She called back", ui.BenActing)).Succeeded);
        host.WaitForAssertion(() => Assert.Equal(["Left a voicemail", "She called back"], Texts(host.FindAll("[data-testid=note-text]"))), Live);
        host.WaitForAssertion(() => Assert.Equal("2", Text(Card(host, iris), "alert-notes")), Live);
    }

    private async Task BehindTheBoardAsync(int alertId, AlertStatus status, string? assigneeId, int version)
    {
        await using var db = ui.Gym.CreateDb();
        await db.RetentionAlerts.Where(a => a.Id == alertId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Status, status)
            .SetProperty(a => a.AssignedToId, assigneeId)
            .SetProperty(a => a.Version, version));
    }

    private static Task SelectAsync<T>(IRenderedComponent<MudHost> host, string label, T value) =>
        host.InvokeAsync(() => host.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label).Instance.ValueChanged.InvokeAsync(value));

    private static Task DropAsync(IRenderedComponent<MudHost> host, int alertId, AlertStatus column)
    {
        var container = host.FindComponent<MudDropContainer<int>>();
        return host.InvokeAsync(() => container.Instance.ItemDropped.InvokeAsync(new MudItemDropInfo<int>(alertId, AlertTypes.Code(column), 0)));
    }

    /// <summary>
    /// Opens the card's menu and picks an item. Not awaited: an item that opens a dialog returns only once the dialog
    /// closes, which is the test's to do.
    /// </summary>
    private static async Task ChooseAsync(IRenderedComponent<MudHost> host, int alertId, string item)
    {
        await Card(host, alertId).QuerySelector("[data-testid=alert-menu] button")!.ClickAsync(new MouseEventArgs());
        host.WaitForElement($"[data-testid={item}]").Click();
    }

    private static IElement Card(IRenderedComponent<MudHost> host, int alertId) => host.Find($"[data-alert-id='{alertId}']");

    private static List<string> Names(IRenderedComponent<MudHost> host, AlertStatus column) =>
        Texts(host.Find($"[data-testid=column-{AlertTypes.Code(column)}]").QuerySelectorAll("[data-testid=alert-client]"));

    private static string Text(IElement card, string testId) => Normalize(card.QuerySelector($"[data-testid={testId}]")!.TextContent);

    private static List<string> Texts(IEnumerable<IElement> elements) => [.. elements.Select(e => Normalize(e.TextContent))];

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
