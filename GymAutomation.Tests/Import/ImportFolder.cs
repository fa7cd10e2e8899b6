namespace GymAutomation.Tests.Import;

/// <summary>A folder of exchange-format CSV files written by a test; disposing it deletes them.</summary>
public sealed class ImportFolder : IDisposable
{
    public ImportFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gym-import-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="file"/> with the header and rows given, one line each (a row may hold a quoted line break).</summary>
    public ImportFolder With(string file, params string[] lines)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), string.Join("\n", lines) + "\n");
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
