using System.Runtime.CompilerServices;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Segments;

/// <summary>How many clients a definition finds now and the first few of them, as the builder shows while it is edited.</summary>
public sealed record SegmentPreview(int Count, IReadOnlyList<ClientRecord> Sample);

/// <summary>
/// Who a segment finds, now: its count, a sample, a page of its clients, all of them for an export. Every read is
/// set-based (<see cref="SegmentFilter"/>), a statement or two whatever the gym's size.
/// </summary>
public sealed class SegmentAudience(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    public const int SampleSize = 10;

    /// <summary>The clients that match <paramref name="definition"/>, on <paramref name="db"/>: for other features' queries.</summary>
    public IQueryable<Client> Matching(GymDbContext db, SegmentDefinition definition) =>
        db.Set<Client>().Where(new SegmentFilter(db, clock).For(definition));

    /// <summary>The clients a saved segment finds now, on <paramref name="db"/>; null when there is no such segment.</summary>
    public async Task<IQueryable<Client>?> SavedAsync(GymDbContext db, int segmentId, CancellationToken cancellationToken = default) =>
        await DefinitionAsync(db, segmentId, cancellationToken) is { } definition ? Matching(db, definition) : null;

    public async Task<int> CountAsync(SegmentDefinition definition, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Matching(db, definition).CountAsync(cancellationToken);
    }

    /// <summary>The count and the first <see cref="SampleSize"/> clients by name.</summary>
    public async Task<SegmentPreview> PreviewAsync(SegmentDefinition definition, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, definition);
        var count = await matching.CountAsync(cancellationToken);
        var sample = await Records(db, ByName(matching).Take(SampleSize)).ToListAsync(cancellationToken);
        return new SegmentPreview(count, sample);
    }

    /// <summary>A page of a saved segment's clients by name; null when there is no such segment.</summary>
    public async Task<PagedResult<ClientRecord>?> MembersAsync(int segmentId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await DefinitionAsync(db, segmentId, cancellationToken) is not { } definition)
        {
            return null;
        }

        var matching = Matching(db, definition);
        var total = await matching.CountAsync(cancellationToken);
        var items = await Records(db, ByName(matching).Skip(skip).Take(take)).ToListAsync(cancellationToken);
        return new PagedResult<ClientRecord>(items, total);
    }

    /// <summary>Every client of a saved segment by name, read as they stream (none when there is no such segment).</summary>
    public async IAsyncEnumerable<ClientRecord> ExportAsync(int segmentId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await DefinitionAsync(db, segmentId, cancellationToken) is not { } definition)
        {
            yield break;
        }

        await foreach (var client in Records(db, ByName(Matching(db, definition))).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return client;
        }
    }

    internal static async Task<SegmentDefinition?> DefinitionAsync(GymDbContext db, int segmentId, CancellationToken cancellationToken) =>
        await db.Segments.Where(s => s.Id == segmentId).Select(s => s.Definition).FirstOrDefaultAsync(cancellationToken) is { } json
            ? SegmentDefinition.FromJson(json)
            : null;

    private static IQueryable<Client> ByName(IQueryable<Client> clients) =>
        clients.OrderBy(c => c.FirstName).ThenBy(c => c.LastName).ThenBy(c => c.Id);

    private static IQueryable<ClientRecord> Records(GymDbContext db, IQueryable<Client> clients) =>
        clients.AsNoTracking().Select(c => new ClientRecord(
            c.Id, c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, c.Status, c.Stage, c.Source, c.EmailOptOut, c.CreatedAt,
            db.Set<LeadScore>().Where(s => s.ClientId == c.Id).Select(s => (int?)s.Score).FirstOrDefault() ?? 0));
}
