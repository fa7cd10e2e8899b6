namespace GymAutomation.Tests.Support;

/// <summary>Where test artefacts go: the repository's TestResults folder, which test.sh starts empty.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Results => Path.Combine(RepositoryRoot, "TestResults");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GymAutomation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No GymAutomation.sln above {AppContext.BaseDirectory}.");
    }
}
