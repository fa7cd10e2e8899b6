using System.Globalization;
using GymAutomation.Core.Dashboard;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Core.Live;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Features.Retention.Board;
using GymAutomation.Web.Features.Workflows;
using GymAutomation.Web.Live;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Features.Dashboard;

/// <summary>
/// The managers' live dashboard: <see cref="DashboardKpis"/>' figures as cards, grouped, each linking to the list
/// behind it, and four charts. Every change that moves a figure arrives through a coalescing
/// <see cref="LiveSubscription{T}"/>, and each delivery reads the snapshot once, however many changes it carries.
/// </summary>
public sealed partial class Dashboard
{
    /// <summary>At most two snapshots a second under a burst: a snapshot is a dozen statements.</summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(500);

    private const string Board = "/marketing/automation/retention/";
    private const string Emails = "/marketing/automation/emails/?status=SENT";
    private const string Workflows = "/marketing/automation/workflows/";
    private const string Scoring = "/marketing/automation/scoring/";

    private IReadOnlyList<KpiGroup> groups = [];
    private DashboardSnapshot? snapshot;
    private LiveSubscription<LiveChange>? live;

    [Inject]
    private DashboardKpis Kpis { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    [Inject]
    private GymClock Clock { get; set; } = default!;

    [Inject]
    private IOptions<RetentionOptions> Retention { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DashboardText> L { get; set; } = default!;

    private int HighRiskFrom => Retention.Value.HighRiskFrom;

    private IReadOnlyList<KpiGroup> BuildGroups() =>
    [
        new("workflows", "Group.Workflows",
        [
            new("active-workflows", "ActiveWorkflows", s => s.ActiveWorkflows, Count, "Vs.WeekAgo", true, Workflows),
            new("enrolments", "EnrolmentsInProgress", s => s.EnrolmentsInProgress, Count, "Vs.WeekAgo", true, Workflows),
            new("emails-today", "EmailsToday", s => s.EmailsToday, Count, "Vs.Yesterday", true, Emails),
            new("emails-7-days", "EmailsLast7Days", s => s.EmailsLast7Days, Count, "Vs.PreviousWeek", true, Emails),
            new("open-rate", "OpenRate", s => s.OpenRate, Percent, "Vs.PreviousWeek", true, Emails),
            new("click-rate", "ClickRate", s => s.ClickRate, Percent, "Vs.PreviousWeek", true, Emails),
        ]),
        new("leads", "Group.Leads",
        [
            new("scoring-rules", "ActiveScoringRules", s => s.ActiveScoringRules, Count, "Vs.WeekAgo", true, Scoring + "rules"),
            new("leads-scored", "LeadsScored", s => s.LeadsScored, Count, "Vs.WeekAgo", true, Scoring),
            new("hot-leads", "HotLeads", s => s.HotLeads, Count, "Vs.WeekAgo", true, Scoring + "?stage=HotLead"),
            new("conversions", "Conversions", s => s.Conversions, Count, "Vs.Previous30Days", true, "/clients"),
        ]),
        new("retention", "Group.Retention",
        [
            new("open-alerts", "OpenAlerts", s => s.OpenAlerts, Count, "Vs.WeekAgo", false, Board),
            new("high-risk-alerts", "HighRiskOpenAlerts", s => s.HighRiskOpenAlerts, Count, "Vs.WeekAgo", false, Board + $"?risk={HighRiskFrom}"),
            new("unassigned-alerts", "UnassignedOpenAlerts", s => s.UnassignedOpenAlerts, Count, "Vs.WeekAgo", false, Board + "?assignee=unassigned"),
            new("resolved-this-week", "ResolvedThisWeek", s => s.ResolvedThisWeek, Count, "Vs.LastWeek", true, Board + "?view=table&state=RESOLVED"),
            new("time-to-resolve", "MedianHoursToResolve", s => s.MedianHoursToResolve, Hours, "Vs.Previous30Days", false, Board + "?view=table&state=RESOLVED"),
            new("members-at-risk", "MembersAtRisk", s => s.MembersAtRisk, Percent, "Vs.WeekAgo", false, Board),
        ]),
    ];

    protected override async Task OnInitializedAsync()
    {
        groups = BuildGroups();
        // Subscribed before the first read, so nothing that happens meanwhile is missed.
        live = LiveSubscription.Start<LiveChange>(Feed, InvokeAsync, DispatchExceptionAsync, OnLiveAsync,
            c => c is ScoreChanged or ScoresRecalculated or AutomationFired or AlertChanged or AlertsScanned or EmailsSent or HistoryImported,
            LiveInterval);
        snapshot = await Kpis.SnapshotAsync();
    }

    public void Dispose() => live?.Dispose();

    private async Task OnLiveAsync(IReadOnlyList<LiveChange> changes)
    {
        snapshot = await Kpis.SnapshotAsync();
        StateHasChanged();
    }

    private static string Count(double value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string Percent(double value) => value.ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>Hours to one decimal; under an hour, in whole minutes, so a quick resolution does not read "0 h".</summary>
    private string Hours(double value) => value < 1
        ? L["Minutes", Math.Round(value * 60).ToString("N0", CultureInfo.CurrentCulture)]
        : L["Hours", value.ToString("0.#", CultureInfo.CurrentCulture)];

    private sealed record KpiGroup(string Id, string TitleKey, IReadOnlyList<KpiSpec> Cards);

    /// <param name="Id">The card's test id suffix.</param>
    /// <param name="Name">The key of its title (<c>Kpi.</c>) and definition (<c>Def.</c>).</param>
    private sealed record KpiSpec(string Id, string Name, Func<DashboardSnapshot, Kpi> Select, Func<double, string> Format, string VsKey, bool UpIsGood, string Href);
}
