using GymAutomation.Core.Scoring;

namespace GymAutomation.Web.Features.Scoring;

/// <summary>The leaderboard's arrows: how each lead moved at its last update (up, down, or newly in), for a while.</summary>
public sealed class LeaderboardMoves
{
    /// <summary>How long the arrow of a rank change stays.</summary>
    private static readonly TimeSpan ShownFor = TimeSpan.FromSeconds(15);

    private readonly Dictionary<int, (RankMove Move, DateTime At)> moves = [];

    /// <summary>The arrows to show, by client id.</summary>
    public IReadOnlyDictionary<int, RankMove> Current => moves.ToDictionary(m => m.Key, m => m.Value.Move);

    public void Clear() => moves.Clear();

    /// <summary>Forgets the arrows shown for long enough.</summary>
    public void Expire(DateTime now)
    {
        foreach (var stale in moves.Where(m => now - m.Value.At > ShownFor).Select(m => m.Key).ToList())
        {
            moves.Remove(stale);
        }
    }

    /// <summary>Marks the leads that are new on the board or at another rank than <paramref name="before"/>.</summary>
    public void Record(IReadOnlyList<LeaderboardRow> before, IReadOnlyList<LeaderboardRow> after, DateTime now)
    {
        var ranks = before.Select((r, i) => (r.ClientId, Rank: i + 1)).ToDictionary(r => r.ClientId, r => r.Rank);
        for (var i = 0; i < after.Count; i++)
        {
            var id = after[i].ClientId;
            if (!ranks.TryGetValue(id, out var rank))
            {
                moves[id] = (new RankMove(null), now);
            }
            else if (rank != i + 1)
            {
                moves[id] = (new RankMove(rank - (i + 1)), now);
            }
        }
    }
}
