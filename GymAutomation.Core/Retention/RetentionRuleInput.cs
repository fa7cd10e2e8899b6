using GymAutomation.Core.Common;

namespace GymAutomation.Core.Retention;

/// <summary>What the retention rule form edits. Which of <see cref="Count"/> and <see cref="Percent"/> count depends on the type (<see cref="RuleParameters"/>).</summary>
public sealed class RetentionRuleInput
{
    public const int MaxDays = 365;
    public const int MaxCount = 100;
    public const int MaxRisk = 100;

    [RequiredField, MaxChars(100)]
    public string Name { get; set; } = "";

    [RequiredField]
    public AlertType? Type { get; set; }

    /// <summary>1 to <see cref="MaxDays"/>.</summary>
    [RequiredField]
    public int? Days { get; set; }

    /// <summary>1 to <see cref="MaxCount"/>, for the types that use a count; ignored (stored null) for the others.</summary>
    public int? Count { get; set; }

    /// <summary>1 to <see cref="RuleParameters.MaxPercent"/>, for the types that use a percentage; ignored (stored null) for the others.</summary>
    public int? Percent { get; set; }

    /// <summary>0 to <see cref="MaxRisk"/>.</summary>
    [RequiredField]
    public int? RiskScore { get; set; }

    public bool IsActive { get; set; } = true;

    [MaxChars(500)]
    public string? Description { get; set; }

    public static RetentionRuleInput From(RetentionRule rule) => new()
    {
        Name = rule.Name,
        Type = rule.Type,
        Days = rule.Days,
        Count = rule.Count,
        Percent = rule.Percent,
        RiskScore = rule.RiskScore,
        IsActive = rule.IsActive,
        Description = rule.Description,
    };

    internal void ApplyTo(RetentionRule rule)
    {
        var type = Type!.Value;
        rule.Name = Name.Trim();
        rule.Type = type;
        rule.Days = Days!.Value;
        rule.Count = RuleParameters.UsesCount(type) ? Count : null;
        rule.Percent = RuleParameters.UsesPercent(type) ? Percent : null;
        rule.RiskScore = RiskScore!.Value;
        rule.IsActive = IsActive;
        rule.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
    }
}
