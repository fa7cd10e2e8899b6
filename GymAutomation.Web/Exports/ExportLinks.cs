using System.Globalization;
using GymAutomation.Core.ClientLists;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Import;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Features.Integrations.Api;
using GymAutomation.Web.Features.Retention.Board;
using GymAutomation.Web.Features.Workflows;
using Microsoft.AspNetCore.WebUtilities;

namespace GymAutomation.Web.Exports;

/// <summary>
/// The exports' addresses. Each page builds its Export CSV link here from the very filter its list is read with,
/// and each export reads that filter back here and hands it to the same Core query, so the file holds what the
/// page shows (all of its pages). Values an export does not know are ignored, as the retention board's address does.
/// </summary>
public static class ExportLinks
{
    public const string ClientsPath = "/export/clients.csv";
    public const string AlertsPath = "/export/alerts.csv";
    public const string LeadScoresPath = "/export/lead-scores.csv";
    public const string SentEmailsPath = "/export/sent-emails.csv";

    public static string Clients(ClientQuery query) => Link(ClientsPath, new Dictionary<string, object?>
    {
        ["search"] = query.Search,
        ["status"] = query.Status is { } status ? ImportNames.Of(status) : null,
        ["stage"] = query.Stage,
    });

    /// <summary>The client list's search, status and stage; its sort and paging are the list's own.</summary>
    public static ClientQuery ClientsQuery(IQueryCollection query) => new(
        Text(query, "search"),
        Enum<ClientStatus>(query, "status"),
        Enum<PipelineStage>(query, "stage"));

    /// <summary>The board's filters, as its own address carries them (<see cref="BoardQuery"/>).</summary>
    public static string Alerts(BoardQuery board) => Link(AlertsPath, board.ToParameters());

    public static string LeadScores(LeadFilter filter) => Link(LeadScoresPath, new Dictionary<string, object?>
    {
        ["stage"] = filter.Stage,
        ["source"] = filter.Source,
    });

    public static LeadFilter LeadScoresFilter(IQueryCollection query) => new(Enum<PipelineStage>(query, "stage"), Text(query, "source"));

    public static string SentEmails(EmailSendQuery query) => Link(SentEmailsPath, new Dictionary<string, object?>
    {
        ["workflow"] = query.WorkflowId,
        ["status"] = query.Status,
        ["search"] = query.Search,
    });

    public static EmailSendQuery SentEmailsQuery(IQueryCollection query) => new(
        int.TryParse(Text(query, "workflow"), NumberStyles.None, CultureInfo.InvariantCulture, out var workflowId) ? workflowId : null,
        Enum<EmailSendStatus>(query, "status"),
        Text(query, "search"));

    private static string Link(string path, IReadOnlyDictionary<string, object?> values) =>
        QueryHelpers.AddQueryString(path, values
            .Select(v => KeyValuePair.Create(v.Key, Convert.ToString(v.Value, CultureInfo.InvariantCulture)))
            .Where(v => !string.IsNullOrWhiteSpace(v.Value)));

    private static string? Text(IQueryCollection query, string key) => query[key].ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>An enum by its name (<c>HotLead</c>) or as the exchange format writes it (<c>LEAD</c>, <c>HOT_LEAD</c>).</summary>
    private static T? Enum<T>(IQueryCollection query, string key)
        where T : struct, Enum =>
        Text(query, key) is { } text && text.All(c => char.IsAsciiLetter(c) || c == '_')
            && System.Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) ? value : null;
}
