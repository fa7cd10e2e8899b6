using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Ganss.Xss;

namespace GymAutomation.Core.Email;

/// <summary>
/// Turns an <see cref="EmailDesign"/> into the HTML body of a template: a 600px table layout that becomes one
/// column on a phone, the style sheet inlined (PreMailer.Net) because many mail clients drop <c>&lt;style&gt;</c>,
/// and what the marketer wrote sanitized (HtmlSanitizer). Liquid merge tags come out exactly as they went in, so
/// the result renders through <c>EmailTemplates</c> like a body written by hand.
/// </summary>
public static partial class EmailDesignRenderer
{
    public const string DefaultButtonColour = "#1565c0";
    public const int MaxSpacerHeight = 200;

    private const string StyleSheet = """
        body { margin: 0; padding: 0; background-color: #f4f5f7; }
        .email-outer { width: 100%; background-color: #f4f5f7; }
        .email-container { max-width: 600px; background-color: #ffffff; font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #222222; }
        .email-block { padding: 8px 24px; }
        .email-column { width: 50%; vertical-align: top; }
        .email-heading { margin: 0; font-family: Arial, Helvetica, sans-serif; color: #111111; }
        .email-image { display: block; max-width: 100%; height: auto; border: 0; }
        .email-button { border-radius: 4px; padding: 12px 24px; }
        .email-button-link { color: #ffffff; font-weight: bold; text-decoration: none; display: inline-block; }
        .email-divider { border: 0; border-top: 1px solid #dddddd; margin: 8px 0; }
        """;

    /// <summary>Not inlined: it only applies on narrow screens, and the mail clients that honour it read <c>&lt;style&gt;</c>.</summary>
    private const string PhoneStyleSheet = """
        @media only screen and (max-width: 620px) {
          .email-container { width: 100% !important; max-width: 100% !important; }
          .email-column { display: block !important; width: 100% !important; }
        }
        """;

    private const string PhoneStyleId = "email-phone";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The whole email document, ready to be a step's body; nothing for a design without blocks, so it is refused as an empty body.</summary>
    /// <remarks>
    /// The button's colour is a <c>bgcolor</c> attribute, not a style: the sanitizer rewrites style colours as
    /// <c>rgba()</c>, which Outlook ignores. The container's width is its attribute for the same mail clients.
    /// </remarks>
    public static string Render(EmailDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        if (design.Blocks.Count == 0)
        {
            return "";
        }

        var liquid = new LiquidPlaceholders();
        var container = Sanitizer().Sanitize(Container(design.Blocks, liquid));
        var document = $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <style>{StyleSheet}</style><style id="{PhoneStyleId}">{PhoneStyleSheet}</style></head>
            <body><table role="presentation" class="email-outer" cellpadding="0" cellspacing="0"><tr><td align="center">{container}</td></tr></table></body></html>
            """;
        var inlined = PreMailer.Net.PreMailer.MoveCssInline(document, removeStyleElements: true, ignoreElements: "#" + PhoneStyleId).Html;
        return liquid.Restore(inlined);
    }

    private static string Container(IEnumerable<EmailBlock> blocks, LiquidPlaceholders liquid) =>
        "<table role=\"presentation\" class=\"email-container\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\">" +
        string.Concat(blocks.Select(b => $"<tr><td class=\"email-block\">{Markup(b, liquid)}</td></tr>")) +
        "</table>";

    private static string Markup(EmailBlock block, LiquidPlaceholders liquid) => block switch
    {
        HeadingBlock h => $"<h{Level(h)} class=\"email-heading\">{Text(h.Text, liquid)}</h{Level(h)}>",
        TextBlock t => liquid.Protect(t.Html, decodeEntities: true),
        ImageBlock i => LinkedImage(i, liquid),
        ButtonBlock b => Button(b, liquid),
        DividerBlock => "<hr class=\"email-divider\">",
        SpacerBlock s => Spacer(s),
        ColumnsBlock c => Columns(c, liquid),
        HtmlBlock h => liquid.Protect(h.Html),
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "Not a block the renderer knows."),
    };

    private static int Level(HeadingBlock heading) => Math.Clamp(heading.Level, 1, 3);

    private static string LinkedImage(ImageBlock image, LiquidPlaceholders liquid)
    {
        var img = $"<img src=\"{Text(image.Url, liquid)}\" alt=\"{Text(image.Alt, liquid)}\" class=\"email-image\" width=\"552\">";
        return string.IsNullOrWhiteSpace(image.Link) ? img : $"<a href=\"{Text(image.Link, liquid)}\">{img}</a>";
    }

    private static string Button(ButtonBlock button, LiquidPlaceholders liquid)
    {
        var colour = button.Colour is { } c && HexColour().IsMatch(c) ? c : DefaultButtonColour;
        return $"<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\"><tr><td class=\"email-button\" bgcolor=\"{colour}\">" +
            $"<a href=\"{Text(button.Url, liquid)}\" class=\"email-button-link\">{Text(button.Label, liquid)}</a></td></tr></table>";
    }

    private static string Spacer(SpacerBlock spacer)
    {
        var height = Math.Clamp(spacer.Height, 0, MaxSpacerHeight).ToString(CultureInfo.InvariantCulture);
        return $"<div style=\"height: {height}px; line-height: {height}px; font-size: 1px\">&nbsp;</div>";
    }

    private static string Columns(ColumnsBlock columns, LiquidPlaceholders liquid) =>
        "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr>" +
        Column(columns.Left, liquid) + Column(columns.Right, liquid) + "</tr></table>";

    private static string Column(IEnumerable<EmailBlock> blocks, LiquidPlaceholders liquid) =>
        "<td class=\"email-column\" width=\"50%\" valign=\"top\">" + string.Concat(blocks.Select(b => Markup(b, liquid))) + "</td>";

    /// <summary>Plain text for an element or attribute: encoded, but its Liquid kept whole for <see cref="LiquidPlaceholders"/>.</summary>
    private static string Text(string text, LiquidPlaceholders liquid) => Encoder.Encode(liquid.Protect(text));

    private static HtmlSanitizer Sanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.UnionWith(["class", "role", "width", "height", "align", "valign", "cellpadding", "cellspacing", "border", "bgcolor"]);
        return sanitizer;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();
}
