using System.Text.Json.Serialization;

namespace GymAutomation.Core.Email;

/// <summary>One piece of an <see cref="EmailDesign"/>; stored as JSON with its kind in <c>"kind"</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(HeadingBlock), "heading")]
[JsonDerivedType(typeof(TextBlock), "text")]
[JsonDerivedType(typeof(ImageBlock), "image")]
[JsonDerivedType(typeof(ButtonBlock), "button")]
[JsonDerivedType(typeof(DividerBlock), "divider")]
[JsonDerivedType(typeof(SpacerBlock), "spacer")]
[JsonDerivedType(typeof(ColumnsBlock), "columns")]
[JsonDerivedType(typeof(HtmlBlock), "html")]
public abstract record EmailBlock;

/// <summary>A title; <paramref name="Level"/> 1 to 3 (h1–h3).</summary>
public sealed record HeadingBlock(string Text, int Level = 1) : EmailBlock;

/// <summary>Formatted text as the rich-text editor writes it (paragraphs, bold, italic, links, lists).</summary>
public sealed record TextBlock(string Html) : EmailBlock;

/// <summary>A picture by its address, optionally a link.</summary>
public sealed record ImageBlock(string Url, string Alt, string? Link = null) : EmailBlock;

/// <summary>A call to action; <paramref name="Colour"/> is <c>#rrggbb</c>, the default blue when missing or not one.</summary>
public sealed record ButtonBlock(string Label, string Url, string? Colour = null) : EmailBlock;

/// <summary>A horizontal line.</summary>
public sealed record DividerBlock : EmailBlock;

/// <summary>Empty space, <paramref name="Height"/> pixels tall.</summary>
public sealed record SpacerBlock(int Height = 24) : EmailBlock;

/// <summary>HTML written by hand, for experts; existing templates open as one of these.</summary>
public sealed record HtmlBlock(string Html) : EmailBlock;

/// <summary>Two columns side by side on a desktop, one above the other on a phone. Columns hold no columns.</summary>
public sealed record ColumnsBlock : EmailBlock
{
    public ColumnsBlock(IReadOnlyList<EmailBlock> left, IReadOnlyList<EmailBlock> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (left.Concat(right).Any(b => b is ColumnsBlock))
        {
            throw new ArgumentException("Columns cannot hold columns.", nameof(left));
        }

        Left = left;
        Right = right;
    }

    public IReadOnlyList<EmailBlock> Left { get; }

    public IReadOnlyList<EmailBlock> Right { get; }
}
