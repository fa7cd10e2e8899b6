namespace GymAutomation.Web.Features.Workflows.Editor;

/// <summary>
/// Waits for typing to pause: each wait ends the one before it, and only the last one is kept. The draft takes every
/// keystroke at once (a Save clicked mid-word must find the text there); only what is noisy or slow while a word is
/// half typed waits for the pause: the template check, and the preview.
/// </summary>
public sealed class TypingPause(TimeSpan pause) : IDisposable
{
    private CancellationTokenSource? waiting;

    /// <summary>True once typing has paused; false if more was typed meanwhile, or the field went away.</summary>
    public async Task<bool> WaitAsync()
    {
        Stop();
        var mine = waiting = new CancellationTokenSource();
        try
        {
            await Task.Delay(pause, mine.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        waiting?.Cancel();
        waiting?.Dispose();
        waiting = null;
    }
}
