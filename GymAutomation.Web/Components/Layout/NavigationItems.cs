using GymAutomation.Web.Security;
using MudBlazor;

namespace GymAutomation.Web.Components.Layout;

/// <summary>One entry of the navigation drawer: where it goes, its label key in AppText, its icon and who sees it.</summary>
public sealed record NavigationItem(string Href, string TextKey, string Icon, string Policy, string? Group = null, bool ExactMatch = false);

public static class NavigationItems
{
    public static IReadOnlyList<NavigationItem> All { get; } =
    [
        new("/marketing/automation/", "Nav.Dashboard", Icons.Material.Outlined.Insights, Policies.Marketing, ExactMatch: true),
        new("/clients", "Nav.Clients", Icons.Material.Outlined.People, Policies.AnyStaff),
        new("/marketing/automation/retention/", "Nav.Retention", Icons.Material.Outlined.NotificationImportant, Policies.AnyStaff, ExactMatch: true),
        new("/marketing/automation/retention/saves", "Nav.Saves", Icons.Material.Outlined.EmojiEvents, Policies.AnyStaff),
        new("/marketing/automation/retention/digest", "Nav.Digest", Icons.Material.Outlined.MarkEmailUnread, Policies.AnyStaff),
        new("/marketing/automation/retention/rules", "Nav.RetentionRules", Icons.Material.Outlined.RuleFolder, Policies.Management),
        new("/marketing/automation/scoring/", "Nav.Scoring", Icons.Material.Outlined.Leaderboard, Policies.AnyStaff, ExactMatch: true),
        new("/marketing/automation/scoring/rules", "Nav.ScoringRules", Icons.Material.Outlined.Rule, Policies.Marketing),
        new("/marketing/automation/workflows/", "Nav.Workflows", Icons.Material.Outlined.ForwardToInbox, Policies.Marketing),
        new("/marketing/automation/segments/", "Nav.Segments", Icons.Material.Outlined.Groups, Policies.Marketing),
        new("/marketing/automation/campaigns/", "Nav.Campaigns", Icons.Material.Outlined.Campaign, Policies.Marketing),
        new("/marketing/automation/emails/", "Nav.SentEmails", Icons.Material.Outlined.MarkEmailRead, Policies.Marketing),
        new("/admin/jobs", "Nav.Jobs", Icons.Material.Outlined.Schedule, Policies.Management, "Nav.Admin"),
        new("/admin/calendar", "Nav.Calendar", Icons.Material.Outlined.EventBusy, Policies.Management, "Nav.Admin"),
        new("/admin/import", "Nav.Import", Icons.Material.Outlined.UploadFile, Policies.Management, "Nav.Admin"),
        new("/admin/staff", "Nav.Staff", Icons.Material.Outlined.Badge, Policies.AdminOnly, "Nav.Admin"),
        new("/admin/events", "Nav.Events", Icons.Material.Outlined.ReportProblem, Policies.AdminOnly, "Nav.Admin"),
        new("/admin/email", "Nav.Email", Icons.Material.Outlined.Outbox, Policies.AdminOnly, "Nav.Admin"),
        new("/admin/api-keys", "Nav.ApiKeys", Icons.Material.Outlined.Key, Policies.AdminOnly, "Nav.Admin"),
    ];
}
