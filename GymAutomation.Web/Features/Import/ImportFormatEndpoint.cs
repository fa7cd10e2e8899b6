using GymAutomation.Web.Security;

namespace GymAutomation.Web.Features.Import;

/// <summary>
/// The exchange format's full reference, <c>docs/import-format.md</c>, built into the app so that the import page can
/// link to the copy that matches the running version.
/// </summary>
internal static class ImportFormatEndpoint
{
    public const string Path = "/admin/import/format";

    /// <summary>The name the project file gives the document among the app's resources.</summary>
    public const string ResourceName = "import-format.md";

    private static readonly Lazy<string> Document = new(Read);

    public static IEndpointRouteBuilder MapImportFormat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, () => Results.Text(Document.Value, "text/plain; charset=utf-8")).RequireAuthorization(Policies.Management);
        return endpoints;
    }

    private static string Read()
    {
        using var stream = typeof(ImportFormatEndpoint).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The app was built without {ResourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
