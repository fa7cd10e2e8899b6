namespace GymAutomation.Web.Hosting;

/// <summary>
/// What the app was asked to do on the command line. Without a verb it serves the backoffice;
/// <c>--seed-demo</c> (re)applies the demo gym before serving. Everything else is the host's own
/// configuration (<c>--ConnectionStrings:Gym=...</c>, <c>--urls</c>).
/// </summary>
public sealed record GymCommandLine(string[] HostArgs, bool SeedDemo)
{
    public static GymCommandLine Parse(string[] args)
    {
        var seedDemo = args.Contains("--seed-demo", StringComparer.OrdinalIgnoreCase);
        return new GymCommandLine(args.Where(a => !a.Equals("--seed-demo", StringComparison.OrdinalIgnoreCase)).ToArray(), seedDemo);
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        await app.RunAsync();
        return 0;
    }
}
