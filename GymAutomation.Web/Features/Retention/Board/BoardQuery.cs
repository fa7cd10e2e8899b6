using GymAutomation.Core.Retention;
using Microsoft.AspNetCore.WebUtilities;

namespace GymAutomation.Web.Features.Retention.Board;

public enum BoardView
{
    Board,
    Table,
}

/// <summary>
/// What the retention board shows, as its query string says it
/// (<c>?type=NO_ATTENDANCE&amp;assignee=mine&amp;risk=70&amp;view=table&amp;state=OPEN</c>), so a link or a reload
/// brings the same view back. Values it does not know are ignored, as if absent.
/// </summary>
public sealed record BoardQuery
{
    public const string Mine = "mine";
    public const string Unassigned = "unassigned";

    /// <summary>The minimum risks offered; "any" is null.</summary>
    public static readonly IReadOnlyList<int> RiskSteps = [50, 70, 90];

    public BoardView View { get; init; }

    public AlertType? Type { get; init; }

    /// <summary><see cref="Mine"/>, <see cref="Unassigned"/>, a staff member's id, or null for anyone.</summary>
    public string? Assignee { get; init; }

    public int? MinRisk { get; init; }

    /// <summary>Only in the table view: the board always shows every state, a column each.</summary>
    public AlertStatus? State { get; init; }

    /// <summary>Only alerts of the clients a saved segment finds (<c>?segment=ID</c>).</summary>
    public int? SegmentId { get; init; }

    public bool HasFilters => Type is not null || Assignee is not null || MinRisk is not null || SegmentId is not null || (View == BoardView.Table && State is not null);

    public static BoardQuery Parse(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Value(string key) => query.TryGetValue(key, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

        return new BoardQuery
        {
            View = string.Equals(Value("view"), "table", StringComparison.OrdinalIgnoreCase) ? BoardView.Table : BoardView.Board,
            Type = AlertTypes.TryParseType(Value("type"), out var type) ? type : null,
            Assignee = Value("assignee") is { } assignee ? NormalizedAssignee(assignee) : null,
            MinRisk = int.TryParse(Value("risk"), out var risk) && risk is > 0 and <= 100 ? risk : null,
            State = AlertTypes.TryParseStatus(Value("state"), out var state) ? state : null,
            SegmentId = int.TryParse(Value("segment"), out var segment) && segment > 0 ? segment : null,
        };
    }

    /// <summary>The query string's values; null ones are removed from the address.</summary>
    public IReadOnlyDictionary<string, object?> ToParameters() => new Dictionary<string, object?>
    {
        ["view"] = View == BoardView.Table ? "table" : null,
        ["type"] = Type is { } type ? AlertTypes.Code(type) : null,
        ["assignee"] = Assignee,
        ["risk"] = MinRisk,
        ["state"] = View == BoardView.Table && State is { } state ? AlertTypes.Code(state) : null,
        ["segment"] = SegmentId,
    };

    /// <summary>The filter for Core's <see cref="AlertBoard"/>; "mine" is the signed-in user.</summary>
    public AlertFilter ToFilter() => new()
    {
        Type = Type,
        Assignee = Assignee switch
        {
            null => AssigneeFilter.Anyone,
            Mine => AssigneeFilter.Me,
            Unassigned => AssigneeFilter.Unassigned,
            _ => AssigneeFilter.Someone,
        },
        AssigneeId = Assignee is null or Mine or Unassigned ? null : Assignee,
        MinRisk = MinRisk,
        Statuses = View == BoardView.Table && State is { } state ? [state] : null,
        SegmentId = SegmentId,
    };

    private static string NormalizedAssignee(string assignee) =>
        string.Equals(assignee, Mine, StringComparison.OrdinalIgnoreCase) ? Mine
        : string.Equals(assignee, Unassigned, StringComparison.OrdinalIgnoreCase) ? Unassigned
        : assignee;
}
