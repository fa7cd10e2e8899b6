using System.Diagnostics.Metrics;

namespace GymAutomation.Benchmarks;

/// <summary>
/// Adds up, per phase, the seconds a meter's phase histograms record while this listens (<c>SendingPhases</c>,
/// <c>ScanPhases</c>): <see cref="Take"/> returns the sums so far and starts again from nothing.
/// </summary>
internal sealed class PhaseTimes : IDisposable
{
    private readonly Dictionary<string, double> seconds = [];
    private readonly MeterListener listener;

    public PhaseTimes(string meterName)
    {
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == meterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var phase = (string)tags[0].Value!;
            lock (seconds)
            {
                seconds[phase] = seconds.GetValueOrDefault(phase) + value;
            }
        });
        listener.Start();
    }

    public Dictionary<string, double> Take()
    {
        lock (seconds)
        {
            var taken = new Dictionary<string, double>(seconds);
            seconds.Clear();
            return taken;
        }
    }

    public void Dispose() => listener.Dispose();
}
