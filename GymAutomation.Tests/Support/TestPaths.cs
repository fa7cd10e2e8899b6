namespace GymAutomation.Tests.Support;

/// <summary>Where test artefacts go: the repository's TestResults folder, which test.sh starts empty.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Results => Path.Combine(RepositoryRoot, "TestResults");

    /// <summary>A project's own files matching <paramref name="pattern"/>, wherever they sit in it (not its build output).</summary>
    public static IEnumerable<string> SourceFiles(string project, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, project), pattern, SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(Path.Combine(RepositoryRoot, project), f).Split(Path.DirectorySeparatorChar)[0] is not ("bin" or "obj" or "node_modules"));

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
