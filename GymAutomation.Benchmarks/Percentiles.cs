namespace GymAutomation.Benchmarks;

public static class Percentiles
{
    /// <summary>The value below which <paramref name="percent"/>% of the samples fall (nearest rank).</summary>
    public static double Of(IReadOnlyList<double> samples, double percent)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
