using System.IO.Compression;

namespace GymAutomation.Core.Import;

/// <summary>
/// Where files sent from the import page wait until they are imported: a folder per upload under
/// <c>App_Data/imports</c>, removed when the page is done with it (and, should the app stop first, a day later).
/// </summary>
public sealed class ImportUploads(string root)
{
    private static readonly TimeSpan KeptAtMost = TimeSpan.FromDays(1);

    public ImportUpload Start()
    {
        Directory.CreateDirectory(root);
        foreach (var stale in new DirectoryInfo(root).GetDirectories().Where(d => d.CreationTimeUtc < DateTime.UtcNow - KeptAtMost))
        {
            stale.Delete(recursive: true);
        }

        return new ImportUpload(Path.Combine(root, Guid.NewGuid().ToString("N")));
    }
}

/// <summary>A file as the upload kept it: its name in the format, or, when it is none of the format's files, left out.</summary>
public sealed record UploadedFile(string Name, long Bytes, bool Used);

/// <summary>One upload's folder: CSV files saved under their format names, a zip's CSV files taken out of it.</summary>
public sealed class ImportUpload(string folder) : IDisposable
{
    private readonly List<UploadedFile> files = [];

    public string Folder => folder;

    public IReadOnlyList<UploadedFile> Files => files;

    /// <summary>Saves <paramref name="content"/>, sent as <paramref name="fileName"/>: a CSV file of the format, or a zip of them.</summary>
    public async Task AddAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        if (fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var zip = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".zip");
            await SaveAsync(content, zip, cancellationToken);
            try
            {
                await ExtractAsync(zip, cancellationToken);
            }
            finally
            {
                File.Delete(zip);
            }

            return;
        }

        await KeepAsync(Path.GetFileName(fileName), content, cancellationToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task ExtractAsync(string zip, CancellationToken cancellationToken)
    {
        await using var archive = await ZipFile.OpenReadAsync(zip, cancellationToken);
        foreach (var entry in archive.Entries.Where(e => e.Name.Length > 0))
        {
            await using var content = await entry.OpenAsync(cancellationToken);
            await KeepAsync(entry.Name, content, cancellationToken);
        }
    }

    // Only the format's own file names are written, under their canonical names: nothing sent can name a path.
    private async Task KeepAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var file = ImportFiles.Named(name);
        files.RemoveAll(f => f.Used && f.Name.Equals(file?.Name, StringComparison.Ordinal));
        if (file is null)
        {
            files.Add(new UploadedFile(name, 0, Used: false));
            return;
        }

        var path = Path.Combine(folder, file.Name);
        await SaveAsync(content, path, cancellationToken);
        files.Add(new UploadedFile(file.Name, new FileInfo(path).Length, Used: true));
    }

    private static async Task SaveAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        await content.CopyToAsync(target, cancellationToken);
    }
}
