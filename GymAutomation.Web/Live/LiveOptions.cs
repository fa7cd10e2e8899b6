namespace GymAutomation.Web.Live;

/// <summary>The <c>Live</c> section: who may watch the live feed without signing in.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// Keys that let a screen outside the app (the leaderboard on the gym's TV) connect to <c>/hubs/live</c> as
    /// <c>/hubs/live?key=KEY</c> without signing in. Empty: only signed-in staff may connect.
    /// </summary>
    public List<string> DisplayKeys { get; set; } = [];
}
