using System.Globalization;
using GymAutomation.Core.Data;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Jobs;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// <c>check-inactive-leads</c> (daily 10:00): records <c>INACTIVE_FOR_DAYS</c> with <c>{ "days": N }</c> for each lead
/// without activity for N days, for N in <see cref="ScoringOptions.InactiveLeadDays"/> and the day counts other engines
/// ask for (<see cref="WorkflowInactivityDays"/>). Once per lead per stretch of inactivity: the event's idempotency key
/// names the lead, N and the last activity, so a later run (or a missed run caught up) adds nothing until the lead acts
/// and goes quiet again. The events go through the outbox to the engines like any other.
/// </summary>
public sealed class CheckInactiveLeadsJob(
    JobRunner runner,
    IDbContextFactory<GymDbContext> dbFactory,
    EventSignal signal,
    GymClock clock,
    IOptions<ScoringOptions> options,
    WorkflowInactivityDays workflowDays) : GymJob(runner)
{
    public const string JobName = "check-inactive-leads";

    public override string Name => JobName;

    public static string IdempotencyKey(int clientId, int days, DateTime lastActivityAt) =>
        string.Create(CultureInfo.InvariantCulture, $"inactive:{days}d:{clientId}:{lastActivityAt.Ticks}");

    protected override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var dayCounts = new SortedSet<int> { options.Value.InactiveLeadDays };
        dayCounts.UnionWith((await workflowDays.GetAsync(cancellationToken)).Where(d => d > 0));

        var now = clock.UtcNow;
        var recorded = 0;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var days in dayCounts)
            {
                recorded += await RecordAsync(db, days, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (recorded > 0)
        {
            signal.Raise();
        }

        return recorded;
    }

    private static async Task<int> RecordAsync(GymDbContext db, int days, DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-days);
        var inactive = await LeadActivity.LastActivityOfLeads(db)
            .Where(l => l.LastActivityAt <= cutoff)
            .ToListAsync(cancellationToken);
        var keys = inactive.Select(l => IdempotencyKey(l.ClientId, days, l.LastActivityAt)).ToList();
        var recorded = (await db.ClientEvents.Where(e => keys.Contains(e.IdempotencyKey!)).Select(e => e.IdempotencyKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var data = string.Create(CultureInfo.InvariantCulture, $$"""{"days":{{days}}}""");
        return await db.InsertManyAsync(
            inactive.Zip(keys)
                .Where(x => !recorded.Contains(x.Second))
                .Select(x => new ClientEvent
                {
                    Type = ClientEventTypes.InactiveForDays,
                    ClientId = x.First.ClientId,
                    OccurredAt = now,
                    RecordedAt = now,
                    Source = EventSources.Job,
                    Data = data,
                    IdempotencyKey = x.Second,
                    Status = EventStatus.Pending,
                }),
            cancellationToken);
    }
}
