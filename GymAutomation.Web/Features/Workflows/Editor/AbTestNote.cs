using System.Globalization;
using GymAutomation.Core.Workflows;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Workflows.Editor;

/// <summary>
/// An A/B test's z-test in plain words: the leader's rate against the other's, the clients per variant (the smaller
/// side), and whether the difference is 95 % likely not chance or could still be.
/// </summary>
public static class AbTestNote
{
    /// <summary>Shown as "99 %" at most: a test never makes chance impossible.</summary>
    private const double MaxConfidence = 0.99;

    public static string For(AbTestResult result, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(localizer);
        var test = result.Test;
        var clients = Math.Min(result.A.Sent, result.B.Sent);
        if (clients == 0)
        {
            return localizer["AbNote.None"];
        }

        if (test.Better is not { } leader)
        {
            return localizer[$"AbNote.Tie.{result.Measure}", Percent(test.RateA), clients];
        }

        var (lead, other) = leader == EmailVariant.B ? (test.RateB, test.RateA) : (test.RateA, test.RateB);
        var trailer = leader == EmailVariant.B ? EmailVariant.A : EmailVariant.B;
        return test.IsSignificant
            ? localizer[$"AbNote.Significant.{result.Measure}", leader, Percent(lead), Percent(other), trailer, clients, Confidence(test.Confidence)]
            : localizer[$"AbNote.Early.{result.Measure}", leader, Percent(lead), Percent(other), trailer, clients];
    }

    public static string Percent(double rate) => rate.ToString("P1", CultureInfo.CurrentCulture);

    private static string Confidence(double confidence) => Math.Min(confidence, MaxConfidence).ToString("P0", CultureInfo.CurrentCulture);
}
