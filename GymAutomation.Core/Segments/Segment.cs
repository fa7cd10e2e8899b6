namespace GymAutomation.Core.Segments;

/// <summary>A saved audience: a name and the conditions (<see cref="SegmentDefinition"/>, stored as JSON) a client must meet.</summary>
public class Segment
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The <see cref="SegmentDefinition"/> as JSON (<see cref="SegmentDefinition.ToJson"/>).</summary>
    public required string Definition { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The staff member who created it, by name; null when the app did (the demo).</summary>
    public string? CreatedBy { get; set; }
}

/// <summary>How many clients a segment had on a gym day, as the last run of <c>refresh-segments</c> that day counted them.</summary>
public class SegmentCount
{
    public int SegmentId { get; set; }

    public DateOnly Day { get; set; }

    public int Count { get; set; }
}

/// <summary>
/// A client in a saved segment since <see cref="EnteredAt"/>, as <c>refresh-segments</c> last found it. A client who
/// leaves loses the row; entering again makes a new one (and a new <c>ENTERED_SEGMENT</c> event).
/// </summary>
public class SegmentMember
{
    public int SegmentId { get; set; }

    public int ClientId { get; set; }

    public DateTime EnteredAt { get; set; }
}
