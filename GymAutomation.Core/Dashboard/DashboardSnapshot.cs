using GymAutomation.Core.Scoring;

namespace GymAutomation.Core.Dashboard;

/// <summary>
/// A figure and what it was one period earlier, for the trend. <see cref="Value"/> is null when there is nothing to
/// measure (a rate of no emails); <see cref="Previous"/> is null when there is no honest earlier value.
/// </summary>
public readonly record struct Kpi(double? Value, double? Previous)
{
    /// <summary>The change from the previous value as a fraction of it; null without both values or from zero.</summary>
    public double? Change => Value is { } value && Previous is { } previous && previous != 0 ? (value - previous) / previous : null;
}

/// <summary>One gym day of the alerts chart.</summary>
public sealed record AlertDay(DateOnly Day, int Opened, int Resolved);

/// <summary>One gym day of the emails chart.</summary>
public sealed record EmailDay(DateOnly Day, int Sent);

/// <summary>Members with a current membership whose last visit was <see cref="FromDays"/> to <see cref="ToDays"/> gym days ago; both null for "never".</summary>
public sealed record VisitRecencyBucket(int? FromDays, int? ToDays, int Members)
{
    public bool IsNever => FromDays is null;
}

/// <summary>
/// The managers' dashboard at one moment: its figures (see <see cref="DashboardKpis"/> for their definitions) and
/// the data of its charts. Times are UTC; days are gym days.
/// </summary>
public sealed record DashboardSnapshot
{
    public DateTime At { get; init; }

    public Kpi ActiveWorkflows { get; init; }

    public Kpi EnrolmentsInProgress { get; init; }

    public Kpi EmailsToday { get; init; }

    public Kpi EmailsLast7Days { get; init; }

    public Kpi OpenRate { get; init; }

    public Kpi ClickRate { get; init; }

    public Kpi ActiveScoringRules { get; init; }

    public Kpi LeadsScored { get; init; }

    public Kpi HotLeads { get; init; }

    public Kpi Conversions { get; init; }

    public Kpi OpenAlerts { get; init; }

    public Kpi HighRiskOpenAlerts { get; init; }

    public Kpi UnassignedOpenAlerts { get; init; }

    public Kpi ResolvedThisWeek { get; init; }

    public Kpi MedianHoursToResolve { get; init; }

    public Kpi MembersAtRisk { get; init; }

    public IReadOnlyList<AlertDay> AlertDays { get; init; } = [];

    public IReadOnlyList<EmailDay> EmailDays { get; init; } = [];

    public IReadOnlyList<ScoreBucket> ScoreBuckets { get; init; } = [];

    public IReadOnlyList<VisitRecencyBucket> VisitRecency { get; init; } = [];
}
