using System.ComponentModel.DataAnnotations;

namespace GymAutomation.Core.Scoring;

/// <summary>The <c>Scoring</c> section of appsettings.json.</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>
    /// <c>check-inactive-leads</c> records <c>INACTIVE_FOR_DAYS</c> for a lead without activity for this many days
    /// (once per stretch of inactivity). Workflows may ask for other day counts (<see cref="Workflows.WorkflowInactivityDays"/>).
    /// </summary>
    [Range(1, 365)]
    public int InactiveLeadDays { get; set; } = 7;

    /// <summary><c>decay-lead-scores</c> applies the decay rules to leads without activity in this many days.</summary>
    [Range(1, 365)]
    public int DecayInactiveDays { get; set; } = 7;

    /// <summary>Leads replayed in one transaction by "recalculate from history".</summary>
    [Range(10, 10_000)]
    public int RecalculationBatchSize { get; set; } = 500;
}
