using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// Scores client events: every active rule on the event's type adds its points to the lead's score and a line to the
/// ledger, inside the dispatcher's transaction. A rule already in the ledger for this event is skipped, so an event
/// delivered twice scores once. Only leads are scored; <c>INACTIVE_FOR_DAYS</c> is left to the weekly decay.
/// A batch costs three reads — its leads, their scores, the ledger lines its events already have — whatever its size.
/// </summary>
internal sealed class ScoringHandler(RuleBook book) : IClientEventHandler
{
    /// <summary>First: a rule's automations may move or assign the lead, which the workflows' exit rules read in the same batch.</summary>
    public int Order => 100;

    public async Task HandleAsync(IReadOnlyList<ClientEvent> events, EventContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var scoring = await book.GetAsync(db, cancellationToken);
        var scored = events.Where(e => scoring.RulesFor(e.Type, e.Data).Any()).ToList();
        if (scored.Count == 0)
        {
            return;
        }

        var clientIds = scored.Select(e => e.ClientId).Distinct().ToList();
        var eventIds = scored.Select(e => e.Id).ToList();
        var leads = await db.Clients.Where(c => clientIds.Contains(c.Id) && c.Status == ClientStatus.Lead).ToDictionaryAsync(c => c.Id, cancellationToken);
        var scores = await db.LeadScores.Where(s => clientIds.Contains(s.ClientId)).ToDictionaryAsync(s => s.ClientId, cancellationToken);
        var done = (await db.ScoreEntries
            .Where(e => e.EventId != null && eventIds.Contains(e.EventId.Value))
            .Select(e => new { EventId = e.EventId!.Value, e.RuleId })
            .ToListAsync(cancellationToken))
            .Select(e => (e.EventId, e.RuleId))
            .ToHashSet();

        foreach (var clientEvent in scored)
        {
            if (!leads.TryGetValue(clientEvent.ClientId, out var lead))
            {
                continue;
            }

            var rules = scoring.RulesFor(clientEvent.Type, clientEvent.Data).Where(r => !done.Contains((clientEvent.Id, r.Id))).ToList();
            if (rules.Count == 0)
            {
                continue;
            }

            if (!scores.TryGetValue(lead.Id, out var score))
            {
                score = new LeadScore { ClientId = lead.Id };
                db.LeadScores.Add(score);
                scores.Add(lead.Id, score);
            }

            await ScoreAsync(clientEvent, lead, score, rules, scoring, context, cancellationToken);
        }
    }

    private static async Task ScoreAsync(
        ClientEvent clientEvent, Client lead, LeadScore score, List<ScoringRule> rules, ActiveScoring scoring, EventContext context, CancellationToken cancellationToken)
    {
        var before = score.Score;
        var changes = new List<(int Old, ScoreEntry Entry)>();
        foreach (var rule in rules)
        {
            var entry = ScoreEntry.For(rule, lead.Id, score.Score, context.Now, clientEvent.Id);
            context.Db.ScoreEntries.Add(entry);
            changes.Add((score.Score, entry));
            score.Take(entry);
        }

        await AutomationRunner.FireAsync(context.Db, scoring, lead, before, score.Score, clientEvent.Id, context.Now, context.Publish, cancellationToken);
        foreach (var (old, entry) in changes.Where(c => c.Entry.Points != 0))
        {
            context.Publish(new ScoreChanged(context.Now, lead.Id, lead.FullName, old, entry.ScoreAfter, entry.Points, entry.Reason, lead.Stage));
        }
    }
}
