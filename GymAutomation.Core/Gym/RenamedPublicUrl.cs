using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Gym;

/// <summary>
/// The public address was a workflows setting before every feature's links used it. A settings file that still names
/// it <c>Workflows:PublicUrl</c> keeps working: the old key is read when <c>Gym:PublicUrl</c> is not set, and the log
/// says to rename it.
/// </summary>
internal sealed class RenamedPublicUrl(IConfiguration configuration, ILogger<RenamedPublicUrl> logger) : IPostConfigureOptions<GymOptions>
{
    public const string OldKey = "Workflows:PublicUrl";

    public void PostConfigure(string? name, GymOptions options)
    {
        if (!string.IsNullOrWhiteSpace(configuration[$"{GymOptions.Section}:{nameof(GymOptions.PublicUrl)}"])
            || configuration[OldKey] is not { } old || string.IsNullOrWhiteSpace(old))
        {
            return;
        }

        options.PublicUrl = old;
        logger.LogWarning("The setting {OldKey} is read as Gym:PublicUrl, the address every link to the app starts with; rename it to Gym:PublicUrl", OldKey);
    }
}
