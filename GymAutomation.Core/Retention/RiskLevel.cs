namespace GymAutomation.Core.Retention;

/// <summary>How a risk reads at a glance: red from <see cref="RetentionOptions.HighRiskFrom"/>, amber from <see cref="RiskLevels.MediumFrom"/>, blue below.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
}

public static class RiskLevels
{
    public const int MediumFrom = 50;

    public static RiskLevel Of(int risk, RetentionOptions options) =>
        risk >= options.HighRiskFrom ? RiskLevel.High : risk >= MediumFrom ? RiskLevel.Medium : RiskLevel.Low;
}
