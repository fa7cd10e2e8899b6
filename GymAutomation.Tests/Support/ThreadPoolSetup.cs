using System.Runtime.CompilerServices;

namespace GymAutomation.Tests.Support;

/// <summary>
/// Component tests wait with bunit's synchronous <c>WaitForAssertion</c>, which holds a pool thread while the
/// renderer's dispatcher needs another to run the check. With hundreds of tests in parallel on two cores the pool
/// grew too slowly and a wait could time out with its check never run (bunit says as much in its message); starting
/// the pool with more threads removes that wait. A busy CI machine can still take more than bunit's default second to
/// render after a live change or a save, so every wait may take up to ten (a passing wait returns as soon as it holds).
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);
        Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }
}
