using System.Net;
using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Api;
using GymAutomation.Tests.Support;
using GymAutomation.Tests.Workflows;
using GymAutomation.Web.Features.ClientLists;
using GymAutomation.Web.Features.Retention.Board;
using GymAutomation.Web.Features.Scoring;
using GymAutomation.Web.Features.Workflows;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Exports;

/// <summary>
/// A gym to export: the workflow reports' data set (Ana, Bea, Carlos, Dani, Eva and their emails), Zoe — a member
/// whose name holds a comma and a quote — a former member whose name is a formula, and alerts for Ana and Zoe, Ana's
/// assigned to the admin.
/// </summary>
public sealed class ExportApp : ApiApp, IAsyncLifetime
{
    public ReportData Data { get; private set; } = null!;

    public int Zoe { get; private set; }

    public DateOnly Today => Services.GetRequiredService<GymClock>().Today;

    public async Task InitializeAsync()
    {
        var now = Services.GetRequiredService<GymClock>().UtcNow;
        var admin = (await ListStaffAsync()).Single(s => s.Email == AdminEmail);
        await using var db = CreateDb();
        Data = await ReportData.AddAsync(db, now);
        var zoe = new Client
        {
            FirstName = "Zoe", LastName = "O\"Hara, Jr", ExternalId = "Z-9", Email = "zoe@example.com", Phone = "+34 600 111 222",
            Status = ClientStatus.Active, Stage = PipelineStage.Member, Source = "walk-in", CreatedAt = new DateTime(2026, 3, 1, 18, 5, 0, DateTimeKind.Utc), UpdatedAt = now,
        };
        db.Clients.AddRange(zoe, new Client { FirstName = "=1+2", LastName = "Calc", Status = ClientStatus.Inactive, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        Zoe = zoe.Id;
        db.LeadScores.AddRange(
            new LeadScore { ClientId = Data.Ana, Score = 40, LastPoints = 10, LastReason = "Visit, again", UpdatedAt = now },
            new LeadScore { ClientId = Data.Bea, Score = 25, LastPoints = 25, LastReason = "Purchase", UpdatedAt = now },
            new LeadScore { ClientId = Data.Carlos, Score = 5, LastPoints = 5, LastReason = "Form", UpdatedAt = now });
        await db.Clients.Where(c => c.Id == Data.Ana || c.Id == Data.Bea).ExecuteUpdateAsync(s => s.SetProperty(c => c.Source, "web"));
        db.RetentionAlerts.AddRange(
            Alert(Data.Ana, AlertType.NoAttendance, AlertStatus.Open, now.AddDays(-2), admin.Id, new AlertFacts { Days = 14, LastVisitAt = now.AddDays(-17) }),
            Alert(Zoe, AlertType.NoAttendance, AlertStatus.Open, now.AddDays(-1), null, new AlertFacts { Days = 14, LastVisitAt = now.AddDays(-20) }),
            Alert(Zoe, AlertType.PaymentFailed, AlertStatus.Resolved, now.AddDays(-3), null, new AlertFacts { PaymentFailedAt = now.AddDays(-3), PaymentAmount = 30m }));
        await db.SaveChangesAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private static RetentionAlert Alert(int clientId, AlertType type, AlertStatus status, DateTime createdAt, string? assignedTo, AlertFacts facts) => new()
    {
        ClientId = clientId, Type = type, RuleName = type.ToString(), RiskScore = 80, Status = status, AssignedToId = assignedTo, Facts = facts,
        CreatedAt = createdAt, UpdatedAt = createdAt, ClosedAt = AlertTypes.IsOpen(status) ? null : createdAt.AddDays(1),
    };
}

/// <summary>The CSV exports over HTTP: what the page's filter finds, as a download named after the gym's day, for the page's roles only.</summary>
public sealed class ExportHttpTests(ExportApp app) : IClassFixture<ExportApp>
{
    [Fact]
    public async Task Clients_export_in_the_import_format_with_the_lists_filter_and_quote_what_needs_it()
    {
        var admin = await AdminAsync();

        using var all = await admin.GetAsync(ClientExport.Link(new ClientQuery()));
        using var members = await admin.GetAsync(ClientExport.Link(new ClientQuery(Search: "hara, jr", Status: ClientStatus.Active)));
        using var leads = await admin.GetAsync(ClientExport.Link(new ClientQuery(Status: ClientStatus.Lead)));

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(("text/csv", "utf-8"), (all.Content.Headers.ContentType?.MediaType, all.Content.Headers.ContentType?.CharSet));
        Assert.Equal("attachment", all.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"clients-{app.Today:yyyy-MM-dd}.csv", all.Content.Headers.ContentDisposition?.FileName);
        var lines = await LinesAsync(members);
        Assert.Equal("external_id,first_name,last_name,email,phone,status,created_at,source,email_opt_out,id,stage,score", lines[0]);
        Assert.Equal([$"Z-9,Zoe,\"O\"\"Hara, Jr\",zoe@example.com,'+34 600 111 222,ACTIVE,2026-03-01T18:05:00Z,walk-in,false,{app.Zoe},Member,0"], lines.Skip(1));
        var leadLines = (await LinesAsync(leads)).Skip(1).ToList();
        Assert.Equal(5, leadLines.Count);
        Assert.All(leadLines, l => Assert.Contains(",LEAD,", l, StringComparison.Ordinal));
        Assert.Contains(leadLines, l => l.StartsWith(",Eva,Test,eva@example.com,,LEAD,", StringComparison.Ordinal) && l.Contains(",true,", StringComparison.Ordinal));
        Assert.Contains(leadLines, l => l.StartsWith(",Ana,", StringComparison.Ordinal) && l.EndsWith($",{app.Data.Ana},New,40", StringComparison.Ordinal));
        Assert.Equal(8, (await LinesAsync(all)).Count);
    }

    [Fact]
    public async Task A_value_a_spreadsheet_would_run_as_a_formula_is_exported_as_text_with_a_leading_quote()
    {
        var admin = await AdminAsync();

        using var response = await admin.GetAsync(ClientExport.Link(new ClientQuery(Status: ClientStatus.Inactive)));

        Assert.StartsWith(",'=1+2,Calc,,,INACTIVE,", Assert.Single((await LinesAsync(response)).Skip(1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clients_export_holds_every_page_of_what_the_list_finds()
    {
        var admin = await AdminAsync();
        var filter = new ClientQuery(Search: "test", Take: 2);

        using var response = await admin.GetAsync(ClientExport.Link(filter));

        var listed = await app.Services.GetRequiredService<ClientDirectory>().SearchAsync(filter with { Take = 100 });
        var exported = (await LinesAsync(response)).Skip(1).Select(l => int.Parse(l.Split(',')[9], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(listed.Items.Select(c => c.Id).Order(), exported);
        Assert.Equal(5, listed.TotalCount);
    }

    [Fact]
    public async Task Alerts_export_with_the_boards_filters_the_seeds_names_and_the_explanation()
    {
        var admin = await AdminAsync();

        using var open = await admin.GetAsync(AlertExport.Link(new BoardQuery { View = BoardView.Table, State = AlertStatus.Open, Type = AlertType.NoAttendance }));
        using var mine = await admin.GetAsync(AlertExport.Link(new BoardQuery { Assignee = BoardQuery.Mine }));
        using var board = await admin.GetAsync(AlertExport.Link(new BoardQuery { State = AlertStatus.Open }));

        Assert.Equal($"retention-alerts-{app.Today:yyyy-MM-dd}.csv", open.Content.Headers.ContentDisposition?.FileName);
        var lines = await LinesAsync(open);
        Assert.Equal("id,client_id,client_external_id,client_name,type,risk_score,status,assigned_to,created_at,closed_at,outcome,explanation", lines[0]);
        Assert.Equal(2, lines.Count - 1);
        Assert.StartsWith($"{app.Zoe},Z-9,\"Zoe O\"\"Hara, Jr\",NO_ATTENDANCE,80,OPEN,,", lines[1][(lines[1].IndexOf(',', StringComparison.Ordinal) + 1)..], StringComparison.Ordinal);
        Assert.EndsWith("\"No visit for 14 days: last visit 20 days ago, on " + app.Today.AddDays(-20).ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")) + ".\"", lines[1], StringComparison.Ordinal);
        Assert.Contains($",{app.Data.Ana},,Ana Test,NO_ATTENDANCE,80,OPEN,{GymAppFactory.AdminEmail},", lines[2], StringComparison.Ordinal);
        var mineLines = await LinesAsync(mine);
        Assert.Single(mineLines.Skip(1));
        Assert.Contains("Ana Test", mineLines[1], StringComparison.Ordinal);
        // The board view shows every state, a column each: its export has them all, as the board does.
        Assert.Equal(4, (await LinesAsync(board)).Count);
    }

    [Fact]
    public async Task Lead_scores_export_the_whole_leaderboard_the_filters_give_in_its_order()
    {
        var admin = await AdminAsync();

        using var web = await admin.GetAsync(LeadScoreExport.Link(new LeadFilter(Source: "web")));
        using var all = await admin.GetAsync(LeadScoreExport.Link(new LeadFilter()));

        Assert.Equal($"lead-scores-{app.Today:yyyy-MM-dd}.csv", web.Content.Headers.ContentDisposition?.FileName);
        var lines = await LinesAsync(web);
        Assert.Equal("client_id,external_id,name,score,stage,source,last_points,last_reason,changed_at,last_activity_at", lines[0]);
        Assert.Equal([$"{app.Data.Ana},,Ana Test,40,New,web,10,\"Visit, again\"", $"{app.Data.Bea},,Bea Test,25,New,web,25,Purchase"], lines.Skip(1).Select(l => string.Join(',', l.Split(',')[..^2])));
        Assert.Equal([app.Data.Ana, app.Data.Bea, app.Data.Carlos], (await LinesAsync(all)).Skip(1).Select(l => int.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_send_log_exports_with_its_workflow_state_and_search()
    {
        var admin = await AdminAsync();

        using var failed = await admin.GetAsync(SentEmailExport.Link(new EmailSendQuery(app.Data.Welcome, EmailSendStatus.Failed)));
        using var bea = await admin.GetAsync(SentEmailExport.Link(new EmailSendQuery(Search: "bea@")));

        Assert.Equal($"sent-emails-{app.Today:yyyy-MM-dd}.csv", failed.Content.Headers.ContentDisposition?.FileName);
        var lines = await LinesAsync(failed);
        Assert.Equal("id,claimed_at,sent_at,client_id,client_name,to_address,workflow,step,subject,status,opened_at,clicked_at,attempts,error,attempt_started_at,message_id", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains($",{app.Data.Bea},Bea Test,bea@example.com,Welcome,Visit us,", row, StringComparison.Ordinal);
        Assert.EndsWith(",Failed,,,3,550 mailbox unavailable,,", row, StringComparison.Ordinal);
        Assert.Equal(3, (await LinesAsync(bea)).Count - 1);
        using var waiting = await admin.GetAsync(SentEmailExport.Link(new EmailSendQuery(Status: EmailSendStatus.Claimed)));
        var claimed = Assert.Single((await LinesAsync(waiting)).Skip(1));
        Assert.Contains($",{app.Data.Ana},Ana Test,ana@example.com,Welcome,Visit us,", claimed, StringComparison.Ordinal);
        Assert.Contains(",Claimed,", claimed, StringComparison.Ordinal);
        using var unconfirmed = await admin.GetAsync(SentEmailExport.Link(new EmailSendQuery(Status: EmailSendStatus.Unconfirmed)));
        Assert.Single(await LinesAsync(unconfirmed));
    }

    [Theory]
    [InlineData(ClientExport.Path, "clientes")]
    [InlineData(AlertExport.Path, "alertas-de-retencion")]
    [InlineData(LeadScoreExport.Path, "puntuaciones-de-leads")]
    [InlineData(SentEmailExport.Path, "emails-enviados")]
    public async Task A_spanish_user_downloads_files_named_in_spanish(string path, string name)
    {
        var admin = await AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{CookieRequestCultureProvider.DefaultCookieName}={Uri.EscapeDataString(CookieRequestCultureProvider.MakeCookieValue(new RequestCulture("es")))}");

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{name}-{app.Today:yyyy-MM-dd}.csv", response.Content.Headers.ContentDisposition?.FileName);
    }

    [Theory]
    [InlineData(ClientExport.Path)]
    [InlineData(AlertExport.Path)]
    [InlineData(LeadScoreExport.Path)]
    [InlineData(SentEmailExport.Path)]
    public async Task Anonymous_visitors_and_api_keys_are_sent_to_sign_in(string path)
    {
        var withKey = app.CreateBrowserLikeClient();
        withKey.DefaultRequestHeaders.Add(Web.Features.Integrations.Api.ApiKeyAuthentication.Header, await app.IssueKeyAsync($"Export {Guid.NewGuid():N}"));

        using var anonymous = await app.CreateBrowserLikeClient().GetAsync(path);
        using var keyed = await withKey.GetAsync(path);

        Assert.Equal(path, HttpAssert.RedirectsTo(anonymous, "/account/login")["ReturnUrl"]);
        HttpAssert.RedirectsTo(keyed, "/account/login");
    }

    [Fact]
    public async Task Front_desk_staff_export_what_their_pages_show_but_not_the_send_log()
    {
        await app.CreateStaffAsync("desk@export.gym", Roles.Staff);
        var desk = await app.CreateSignedInClientAsync("desk@export.gym", GymAppFactory.StaffPassword);

        foreach (var path in new[] { ClientExport.Path, AlertExport.Path, LeadScoreExport.Path })
        {
            using var allowed = await desk.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var denied = await desk.GetAsync(SentEmailExport.Path);

        Assert.Equal(SentEmailExport.Path, HttpAssert.RedirectsTo(denied, "/account/access-denied")["ReturnUrl"]);
    }

    private Task<HttpClient> AdminAsync() => app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

    private static async Task<IReadOnlyList<string>> LinesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return text[..^2].Split("\r\n");
    }
}
