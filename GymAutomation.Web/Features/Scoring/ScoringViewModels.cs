using GymAutomation.Core.Scoring;

namespace GymAutomation.Web.Features.Scoring;

/// <summary>How a lead moved on the leaderboard at its last update: up or down so many places, or newly in it.</summary>
public sealed record RankMove(int? Places)
{
    public bool IsNew => Places is null;
}

/// <summary>A line of the feed of score changes, from the ledger or from the live feed.</summary>
public sealed record FeedLine(string Key, int ClientId, string Name, int Points, int ScoreAfter, string Reason, DateTime At)
{
    public static FeedLine From(ScoreFeedItem item) =>
        new($"e{item.Id}", item.ClientId, item.Name, item.Points, item.ScoreAfter, item.Reason, item.At);

    public static FeedLine From(ScoreChanged change, long sequence) =>
        new($"l{sequence}", change.ClientId, change.Name, change.Points, change.NewScore, change.Reason, change.At);
}
