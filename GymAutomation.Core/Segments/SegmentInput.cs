using GymAutomation.Core.Common;

namespace GymAutomation.Core.Segments;

/// <summary>What the builder saves: a name, a description and the conditions.</summary>
public sealed class SegmentInput
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    [RequiredField, MaxChars(MaxNameLength)]
    public string Name { get; set; } = "";

    [MaxChars(MaxDescriptionLength)]
    public string? Description { get; set; }

    public SegmentDefinition Definition { get; set; } = SegmentDefinition.Empty();

    public static SegmentInput From(Segment segment) => new()
    {
        Name = segment.Name,
        Description = segment.Description,
        Definition = SegmentDefinition.FromJson(segment.Definition),
    };
}
