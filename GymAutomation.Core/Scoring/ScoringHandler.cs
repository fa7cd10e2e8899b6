using GymAutomation.Core.Clients;
using GymAutomation.Core.Events;
using GymAutomation.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Scoring;

/// <summary>
/// Scores client events: every active rule on the event's type adds its points to the lead's score and a line to the
/// ledger, inside the dispatcher's transaction. A rule already in the ledger for this event is skipped, so an event
/// delivered twice scores once. Only leads are scored; <c>INACTIVE_FOR_DAYS</c> is left to the weekly decay.
/// </summary>
internal sealed class ScoringHandler(RuleBook book) : IClientEventHandler
{
    public async Task HandleAsync(ClientEvent clientEvent, EventContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var scoring = await book.GetAsync(db, cancellationToken);
        var rules = scoring.RulesFor(clientEvent.Type).ToList();
        if (rules.Count == 0)
        {
            return;
        }

        var client = await db.Clients.FindAsync([clientEvent.ClientId], cancellationToken);
        if (client is not { Status: ClientStatus.Lead })
        {
            return;
        }

        var done = await db.ScoreEntries.Where(e => e.EventId == clientEvent.Id).Select(e => e.RuleId).ToListAsync(cancellationToken);
        rules.RemoveAll(r => done.Contains(r.Id));
        if (rules.Count == 0)
        {
            return;
        }

        var score = await db.LeadScores.FindAsync([client.Id], cancellationToken);
        if (score is null)
        {
            score = new LeadScore { ClientId = client.Id };
            db.LeadScores.Add(score);
        }

        var before = score.Score;
        var changes = new List<(int Old, ScoreEntry Entry)>();
        foreach (var rule in rules)
        {
            var entry = ScoreEntry.For(rule, client.Id, score.Score, context.Now, clientEvent.Id);
            db.ScoreEntries.Add(entry);
            changes.Add((score.Score, entry));
            score.Take(entry);
        }

        await AutomationRunner.FireAsync(db, scoring, client, before, score.Score, clientEvent.Id, context.Now, context.Publish, cancellationToken);
        foreach (var (old, entry) in changes.Where(c => c.Entry.Points != 0))
        {
            context.Publish(new ScoreChanged(context.Now, client.Id, client.FullName, old, entry.ScoreAfter, entry.Points, entry.Reason, client.Stage));
        }
    }
}
