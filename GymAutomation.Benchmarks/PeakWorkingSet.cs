namespace GymAutomation.Benchmarks;

/// <summary>
/// The process's highest working set while it is being watched, beside the one it started from, and the managed heap's
/// highest size after a collection over the same time (the working set rarely shrinks once grown, and the heap between
/// collections holds garbage: the heap a collection leaves is what shows whether the work holds more as it goes). The process has no peak-during-this-interval counter, so both are sampled every 20 ms
/// until the watch is disposed.
/// </summary>
public sealed class PeakWorkingSet : IAsyncDisposable
{
    private readonly CancellationTokenSource sampling = new();
    private readonly Task sampler;
    private long peak = Environment.WorkingSet;
    private long peakHeap = GC.GetGCMemoryInfo().HeapSizeBytes;

    public PeakWorkingSet() => sampler = Task.Run(SampleAsync);

    public long Bytes => Interlocked.Read(ref peak);

    /// <summary>The working set when the watch began.</summary>
    public long StartBytes { get; } = Environment.WorkingSet;

    /// <summary>The managed heap's highest size after a collection while watched.</summary>
    public long HeapBytes => Interlocked.Read(ref peakHeap);

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
            Interlocked.Exchange(ref peakHeap, Math.Max(Interlocked.Read(ref peakHeap), GC.GetGCMemoryInfo().HeapSizeBytes));
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
