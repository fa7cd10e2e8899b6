using System.Text.Json;

namespace GymAutomation.Core.Email;

/// <summary>
/// An email as the visual builder edits it: blocks from top to bottom. Kept as JSON beside the HTML that
/// <see cref="EmailDesignRenderer"/> makes of it, so the builder can open it again.
/// </summary>
public sealed record EmailDesign(IReadOnlyList<EmailBlock> Blocks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static EmailDesign Empty { get; } = new([]);

    /// <summary>A body written before the builder existed, as one HTML block.</summary>
    public static EmailDesign FromHtml(string existingBody) => new([new HtmlBlock(existingBody)]);

    /// <exception cref="JsonException">The text is not a design.</exception>
    /// <exception cref="ArgumentException">Columns hold columns.</exception>
    public static EmailDesign FromJson(string json) =>
        JsonSerializer.Deserialize<EmailDesign>(json, Json) ?? throw new JsonException("The email design is empty.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
