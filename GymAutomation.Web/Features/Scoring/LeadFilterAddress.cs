using GymAutomation.Core.Clients;
using GymAutomation.Core.Scoring;
using Microsoft.AspNetCore.WebUtilities;

namespace GymAutomation.Web.Features.Scoring;

/// <summary>
/// The scoring dashboard's filters as its address says them (<c>?stage=HotLead&amp;source=web</c>), so a link — the
/// managers' dashboard's "hot leads" card — or a reload brings the same board back; values it does not know are ignored.
/// </summary>
public static class LeadFilterAddress
{
    /// <summary>The stages a lead can be at (a member is no longer on the board).</summary>
    public static readonly IReadOnlyList<PipelineStage> LeadStages = [PipelineStage.New, PipelineStage.Contacted, PipelineStage.HotLead, PipelineStage.Trial, PipelineStage.Lost];

    /// <summary>The filter the address asks for: <c>stage</c> a lead stage's name, <c>source</c> any text.</summary>
    public static LeadFilter Parse(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Value(string key) => query.TryGetValue(key, out var values) && !string.IsNullOrWhiteSpace(values.FirstOrDefault()) ? values[0]!.Trim() : null;
        var stage = Enum.TryParse<PipelineStage>(Value("stage"), ignoreCase: true, out var parsed) && LeadStages.Contains(parsed) ? parsed : (PipelineStage?)null;
        return new LeadFilter(stage, Value("source"));
    }

    /// <summary>The query string's values; null ones are removed from the address.</summary>
    public static IReadOnlyDictionary<string, object?> ToParameters(LeadFilter filter) =>
        new Dictionary<string, object?> { ["stage"] = filter.Stage?.ToString(), ["source"] = filter.Source };
}
