using System.Net;
using GymAutomation.Core.Email;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GymAutomation.Web.Features.Email.Builder;

/// <summary>The kinds of block the palette offers: each one's name, icon, and what a new one holds.</summary>
public static class BlockKinds
{
    public static IReadOnlyList<Type> All { get; } =
    [
        typeof(HeadingBlock), typeof(TextBlock), typeof(ImageBlock), typeof(ButtonBlock),
        typeof(DividerBlock), typeof(SpacerBlock), typeof(ColumnsBlock), typeof(HtmlBlock),
    ];

    /// <summary>The resource key of the kind's name: <c>Kind.HeadingBlock</c>.</summary>
    public static string NameKey(Type kind) => "Kind." + kind.Name;

    public static string NameKey(EmailBlock block) => NameKey(block.GetType());

    public static string Icon(Type kind) => kind.Name switch
    {
        nameof(HeadingBlock) => Icons.Material.Outlined.Title,
        nameof(TextBlock) => Icons.Material.Outlined.Notes,
        nameof(ImageBlock) => Icons.Material.Outlined.Image,
        nameof(ButtonBlock) => Icons.Material.Outlined.SmartButton,
        nameof(DividerBlock) => Icons.Material.Outlined.HorizontalRule,
        nameof(SpacerBlock) => Icons.Material.Outlined.Height,
        nameof(ColumnsBlock) => Icons.Material.Outlined.ViewColumn,
        _ => Icons.Material.Outlined.Code,
    };

    /// <summary>A new block of the kind, with words in the reader's language where it has any.</summary>
    public static EmailBlock New(Type kind, IStringLocalizer<EmailBuilderText> text) => kind.Name switch
    {
        nameof(HeadingBlock) => new HeadingBlock(text["NewHeading"]),
        nameof(TextBlock) => Paragraph(text),
        nameof(ImageBlock) => new ImageBlock("", ""),
        nameof(ButtonBlock) => new ButtonBlock(text["NewButton"], "https://"),
        nameof(DividerBlock) => new DividerBlock(),
        nameof(SpacerBlock) => new SpacerBlock(),
        nameof(ColumnsBlock) => new ColumnsBlock([Paragraph(text)], [Paragraph(text)]),
        _ => new HtmlBlock(""),
    };

    private static TextBlock Paragraph(IStringLocalizer<EmailBuilderText> text) => new($"<p>{WebUtility.HtmlEncode(text["NewText"])}</p>");
}
