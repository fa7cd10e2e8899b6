using System.Globalization;

namespace GymAutomation.Tests.Support;

/// <summary>
/// Runs work the way a background service of the server does: on another thread, in the server's culture (en-US),
/// whatever the test's. What it publishes reaches the open screens from there, carrying that culture unless the
/// screen restores its own (see LiveSubscription).
/// </summary>
internal static class ServerCulture
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static Task RunAsync(Action work) => RunAsync(() =>
    {
        work();
        return Task.CompletedTask;
    });

    public static Task RunAsync(Func<Task> work) => Task.Run(async () =>
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Culture;
        await work();
    });
}
