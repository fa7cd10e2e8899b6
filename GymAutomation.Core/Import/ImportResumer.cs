using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GymAutomation.Core.Import;

/// <summary>
/// At the app's start, after the migrations, finishes the publish of any import file a crash interrupted (see
/// <see cref="ImportPublisher"/>), in the background: the app serves meanwhile, its writers taking turns with it.
/// </summary>
internal sealed class ImportResumer(ImportPublisher publisher, ILogger<ImportResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var problem in await publisher.ResumeAsync(stoppingToken))
            {
                logger.LogError("{Problem}", problem);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next import tries again; the app serves either way.
            logger.LogError(exception, "An interrupted import could not be finished at start-up");
        }
    }
}
