using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace GymAutomation.Web.Hosting;

internal static class RootSettings
{
    /// <summary>
    /// The app has one settings file, the repository's root appsettings.json, which the build copies next to
    /// the binaries. Read it from there, whatever directory the app was started from, at the precedence
    /// appsettings.json normally has (below environment variables and the command line).
    /// </summary>
    public static void UseRootSettingsFile(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        if (index >= 0)
        {
            sources[index] = source;
        }
        else
        {
            sources.Insert(0, source);
        }
    }
}
