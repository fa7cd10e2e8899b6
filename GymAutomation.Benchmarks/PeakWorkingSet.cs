namespace GymAutomation.Benchmarks;

/// <summary>
/// The process's highest working set while it is being watched. The process has no peak-during-this-interval counter,
/// so the working set is sampled every 20 ms until the watch is disposed.
/// </summary>
public sealed class PeakWorkingSet : IAsyncDisposable
{
    private readonly CancellationTokenSource sampling = new();
    private readonly Task sampler;
    private long peak = Environment.WorkingSet;

    public PeakWorkingSet() => sampler = Task.Run(SampleAsync);

    public long Bytes => Interlocked.Read(ref peak);

    public async ValueTask DisposeAsync()
    {
        await sampling.CancelAsync();
        await sampler;
        sampling.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!sampling.IsCancellationRequested)
        {
            Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet));
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
