using System.Reflection;
using GymAutomation.Core.Data;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Staff;
using GymAutomation.Core.Workflows;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Support;

/// <summary>Who opens a page in the every-page tests: nobody, or one of the demo gym's sign-ins.</summary>
public enum PageVisitor
{
    Anonymous,
    Admin,
    Staff,
}

/// <summary>
/// One routed page of the app, as a person opens it in the demo gym. <see cref="Template"/> is the page's own
/// <c>@page</c> route; <see cref="Path"/> fills its parameters with rows of the demo gym (<see cref="DemoRows"/>).
/// </summary>
public sealed record AppPage(string Name, string Template, PageVisitor Visitor, Func<DemoRows, string> Path)
{
    public override string ToString() => Name;
}

/// <summary>The rows of the seeded demo gym that fill the routes' parameters.</summary>
public sealed record DemoRows(int ClientId, int WorkflowId, string UnsubscribeToken, int SegmentId, int CampaignId)
{
    public static async Task<DemoRows> ReadAsync(GymAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync();
        var clientId = await db.RetentionAlerts.OrderBy(a => a.Id).Select(a => a.ClientId).FirstAsync();
        var workflowId = await db.EmailWorkflows.OrderBy(w => w.Id).Select(w => w.Id).FirstAsync();
        var token = scope.ServiceProvider.GetRequiredService<EmailTracking>().UnsubscribeToken(clientId);
        var segmentId = await db.Set<GymAutomation.Core.Segments.Segment>().OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var campaignId = await db.Set<GymAutomation.Core.Campaigns.Campaign>().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        return new DemoRows(clientId, workflowId, token, segmentId, campaignId);
    }
}

/// <summary>
/// Every page of the app, once, for the tests that must hold on all of them (language, accessibility). A test
/// (<c>EveryPageListTests</c>) fails when a routed component is missing here, so a new page cannot be forgotten.
/// </summary>
public static class EveryPage
{
    public static IReadOnlyList<AppPage> All { get; } =
    [
        new("sign-in", "/account/login", PageVisitor.Anonymous, _ => "/account/login"),
        new("unsubscribe", "/unsubscribe/{Token}", PageVisitor.Anonymous, r => $"/unsubscribe/{r.UnsubscribeToken}"),
        new("not-found", "/not-found", PageVisitor.Anonymous, _ => "/not-found"),
        new("error", "/error", PageVisitor.Anonymous, _ => "/error"),
        new("home", "/", PageVisitor.Admin, _ => "/"),
        new("dashboard", "/marketing/automation/", PageVisitor.Admin, _ => "/marketing/automation/"),
        new("clients", "/clients", PageVisitor.Admin, _ => "/clients"),
        new("client", "/clients/{ClientId:int}", PageVisitor.Admin, r => $"/clients/{r.ClientId}"),
        new("retention-board", "/marketing/automation/retention/", PageVisitor.Admin, _ => "/marketing/automation/retention/"),
        new("retention-rules", "/marketing/automation/retention/rules", PageVisitor.Admin, _ => "/marketing/automation/retention/rules"),
        new("retention-digest", "/marketing/automation/retention/digest", PageVisitor.Admin, _ => "/marketing/automation/retention/digest"),
        new("retention-saves", "/marketing/automation/retention/saves", PageVisitor.Staff, _ => "/marketing/automation/retention/saves"),
        new("scoring-leaderboard", "/marketing/automation/scoring/", PageVisitor.Admin, _ => "/marketing/automation/scoring/"),
        new("scoring-rules", "/marketing/automation/scoring/rules", PageVisitor.Admin, _ => "/marketing/automation/scoring/rules"),
        new("workflows", "/marketing/automation/workflows/", PageVisitor.Admin, _ => "/marketing/automation/workflows/"),
        new("workflow-new", "/marketing/automation/workflows/new", PageVisitor.Admin, _ => "/marketing/automation/workflows/new"),
        new("workflow-editor", "/marketing/automation/workflows/{Id:int}", PageVisitor.Admin, r => $"/marketing/automation/workflows/{r.WorkflowId}"),
        new("workflow-enrolments", "/marketing/automation/workflows/{WorkflowId:int}/enrolments", PageVisitor.Admin, r => $"/marketing/automation/workflows/{r.WorkflowId}/enrolments"),
        new("segments", "/marketing/automation/segments/", PageVisitor.Admin, _ => "/marketing/automation/segments/"),
        new("segment-new", "/marketing/automation/segments/new", PageVisitor.Admin, _ => "/marketing/automation/segments/new"),
        new("segment-builder", "/marketing/automation/segments/{Id:int}", PageVisitor.Admin, r => $"/marketing/automation/segments/{r.SegmentId}"),
        new("campaigns", "/marketing/automation/campaigns/", PageVisitor.Admin, _ => "/marketing/automation/campaigns/"),
        new("campaign-new", "/marketing/automation/campaigns/new", PageVisitor.Admin, _ => "/marketing/automation/campaigns/new"),
        new("campaign", "/marketing/automation/campaigns/{Id:int}", PageVisitor.Admin, r => $"/marketing/automation/campaigns/{r.CampaignId}"),
        new("sent-emails", "/marketing/automation/emails/", PageVisitor.Admin, _ => "/marketing/automation/emails/"),
        new("jobs", "/admin/jobs", PageVisitor.Admin, _ => "/admin/jobs"),
        new("calendar", "/admin/calendar", PageVisitor.Admin, _ => "/admin/calendar"),
        new("import", "/admin/import", PageVisitor.Admin, _ => "/admin/import"),
        new("staff", "/admin/staff", PageVisitor.Admin, _ => "/admin/staff"),
        new("email-settings", "/admin/email", PageVisitor.Admin, _ => "/admin/email"),
        new("api-keys", "/admin/api-keys", PageVisitor.Admin, _ => "/admin/api-keys"),
        new("parked-events", "/admin/events", PageVisitor.Admin, _ => "/admin/events"),
        new("access-denied", "/account/access-denied", PageVisitor.Staff, _ => "/admin/jobs"),
    ];

    /// <summary>The route templates of every routed component in the web app.</summary>
    public static IReadOnlyList<string> RoutedTemplates() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static (string Email, string Password)? SignInOf(PageVisitor visitor) => visitor switch
    {
        PageVisitor.Admin => (DemoStaff.AdminEmail, DemoStaff.AdminPassword),
        PageVisitor.Staff => (DemoStaff.StaffEmail, DemoStaff.StaffPassword),
        _ => null,
    };
}
