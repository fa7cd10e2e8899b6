namespace GymAutomation.Core.Workflows;

/// <summary>
/// A two-proportion z-test: whether <see cref="SuccessesB"/> of <see cref="TrialsB"/> differs from
/// <see cref="SuccessesA"/> of <see cref="TrialsA"/> by more than chance, with the pooled rate's standard error.
/// </summary>
public sealed record ProportionTest(int SuccessesA, int TrialsA, int SuccessesB, int TrialsB)
{
    /// <summary>|z| at or above it rejects "no difference" at 95 % (two-sided).</summary>
    public const double CriticalZ = 1.959964;

    public double RateA => TrialsA == 0 ? 0 : (double)SuccessesA / TrialsA;

    public double RateB => TrialsB == 0 ? 0 : (double)SuccessesB / TrialsB;

    /// <summary>(B − A) over the standard error under "no difference"; 0 when either side is empty or nothing differs.</summary>
    public double Z
    {
        get
        {
            if (TrialsA == 0 || TrialsB == 0)
            {
                return 0;
            }

            var pooled = (double)(SuccessesA + SuccessesB) / (TrialsA + TrialsB);
            var error = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / TrialsA) + (1.0 / TrialsB)));
            return error == 0 ? 0 : (RateB - RateA) / error;
        }
    }

    /// <summary>The two-sided p-value: how likely a difference this large is when the variants convert alike.</summary>
    public double PValue => 2 * (1 - NormalCdf(Math.Abs(Z)));

    /// <summary>How sure the difference is not chance: 1 − p.</summary>
    public double Confidence => 1 - PValue;

    public bool IsSignificant => Math.Abs(Z) >= CriticalZ;

    /// <summary>The variant with the higher rate; null when they are equal.</summary>
    public EmailVariant? Better => RateB > RateA ? EmailVariant.B : RateA > RateB ? EmailVariant.A : null;

    private static double NormalCdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    /// <summary>Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7, far finer than a percentage shows.</summary>
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return sign * (1 - (poly * Math.Exp(-x * x)));
    }
}
