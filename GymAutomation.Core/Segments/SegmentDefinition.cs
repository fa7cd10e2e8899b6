using System.Text.Json;
using System.Text.Json.Serialization;

namespace GymAutomation.Core.Segments;

/// <summary>Whether all or any of a list must hold.</summary>
public enum SegmentMatch
{
    All,
    Any,
}

/// <summary>
/// What a segment asks of a client: its <see cref="Groups"/>, all or any of them (<see cref="Match"/>), each group all or
/// any of its conditions. Stored as JSON with the enums by name, so a stored definition reads in words.
/// </summary>
public sealed class SegmentDefinition
{
    public SegmentMatch Match { get; set; }

    public List<ConditionGroup> Groups { get; set; } = [];

    public IEnumerable<SegmentCondition> Conditions => Groups.SelectMany(g => g.Conditions);

    public static SegmentDefinition Empty() => new() { Groups = [new ConditionGroup()] };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The definition stored as <paramref name="json"/>; an unreadable one reads as no conditions at all.</summary>
    public static SegmentDefinition FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SegmentDefinition>(json, Json) ?? new SegmentDefinition();
        }
        catch (JsonException)
        {
            return new SegmentDefinition();
        }
    }

    public SegmentDefinition Copy() => FromJson(ToJson());

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed class ConditionGroup
{
    public SegmentMatch Match { get; set; }

    public List<SegmentCondition> Conditions { get; set; } = [];
}

/// <summary>
/// One condition: its <see cref="Kind"/> and the values that kind asks for (<see cref="ConditionKinds.InputOf"/>):
/// a choice or a text in <see cref="Value"/>, a number of days in <see cref="Days"/>, a count, a score or a workflow's
/// id in <see cref="Number"/>.
/// </summary>
public sealed class SegmentCondition
{
    public ConditionKind Kind { get; set; }

    public string? Value { get; set; }

    public int? Days { get; set; }

    public int? Number { get; set; }
}
