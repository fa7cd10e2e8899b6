using System.Globalization;

namespace GymAutomation.Core.Workflows;

public enum SendDecisionKind
{
    /// <summary>Staff said an unconfirmed send arrived.</summary>
    MarkedSent,

    /// <summary>Staff had an unconfirmed send delivered again, under a new Message-ID.</summary>
    SentAgain,
}

/// <summary>
/// One line of <see cref="EmailSend.History"/>: what staff decided about an unconfirmed send, who, when, and the
/// Message-ID of the attempt it concerned — so a copy that turns up later can be traced. Stored as data, not words,
/// so that each reader sees it in their language.
/// </summary>
public sealed record SendDecision(SendDecisionKind Kind, DateTime At, string By, string? MessageId)
{
    public static IReadOnlyList<SendDecision> Parse(string? history) =>
        [.. (history ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseLine).OfType<SendDecision>()];

    /// <summary><paramref name="history"/> with this decision added as its last line.</summary>
    public string AppendTo(string? history) => string.IsNullOrEmpty(history) ? Line : $"{history}\n{Line}";

    private string Line => string.Join('\t', Kind, At.ToString("O", CultureInfo.InvariantCulture), Clean(By), Clean(MessageId ?? ""));

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ');

    private static SendDecision? ParseLine(string line)
    {
        var parts = line.Split('\t');
        return parts.Length == 4
            && Enum.TryParse<SendDecisionKind>(parts[0], out var kind)
            && DateTime.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? new SendDecision(kind, at, parts[2], parts[3].Length == 0 ? null : parts[3])
            : null;
    }
}
