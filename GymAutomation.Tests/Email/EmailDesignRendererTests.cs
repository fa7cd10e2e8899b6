using System.Text.RegularExpressions;
using GymAutomation.Core.Email;
using GymAutomation.Core.Workflows;

namespace GymAutomation.Tests.Email;

/// <summary>The visual builder's design as a template body: each block's HTML, inlined, responsive, safe, and Liquid untouched.</summary>
public sealed partial class EmailDesignRendererTests
{
    private static readonly TemplateData Ann = new("Ann", "Lee", "ann@example.test", "Iron Gym", "https://gym.test/unsubscribe?client=7&token=abc");

    [Fact]
    public void A_heading_is_an_encoded_title_of_its_level_with_its_style_inlined()
    {
        var html = Render(new HeadingBlock("Fit & well", 2));

        Assert.Matches("<h2 class=\"email-heading\" style=\"[^\"]*margin: 0[^\"]*\">Fit &amp; well</h2>", html);
    }

    [Fact]
    public void A_heading_level_outside_one_to_three_is_brought_within()
    {
        Assert.Contains("<h3 ", Render(new HeadingBlock("Small", 9)), StringComparison.Ordinal);
        Assert.Contains("<h1 ", Render(new HeadingBlock("Big", -1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Formatted_text_keeps_bold_italic_links_and_lists()
    {
        var html = Render(new TextBlock("<p><strong>Strong</strong> and <em>soft</em> <a href=\"https://gym.test/classes\">classes</a></p><ul><li>One</li></ul>"));

        Assert.Contains("<strong>Strong</strong> and <em>soft</em> <a href=\"https://gym.test/classes\">classes</a>", html, StringComparison.Ordinal);
        Assert.Contains("<ul><li>One</li></ul>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_has_its_address_and_text_and_is_a_link_when_given_one()
    {
        var plain = Render(new ImageBlock("https://gym.test/pool.jpg", "The pool"));
        var linked = Render(new ImageBlock("https://gym.test/pool.jpg", "The pool", "https://gym.test/pool"));

        Assert.Matches("<img src=\"https://gym.test/pool.jpg\" alt=\"The pool\" class=\"email-image\"[^>]*style=\"[^\"]*max-width: 100%", plain);
        Assert.DoesNotContain("<a ", plain, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://gym.test/pool\"><img src=\"https://gym.test/pool.jpg\"", linked, StringComparison.Ordinal);
    }

    [Fact]
    public void A_button_is_a_link_in_its_colour_and_a_colour_that_is_not_one_falls_back_to_blue()
    {
        var green = Render(new ButtonBlock("Book", "https://gym.test/book", "#2e7d32"));
        var injected = Render(new ButtonBlock("Book", "https://gym.test/book", "red; background-image: url(x)"));

        Assert.Contains("<td class=\"email-button\" bgcolor=\"#2e7d32\"", green, StringComparison.Ordinal);
        Assert.Matches("<a href=\"https://gym.test/book\" class=\"email-button-link\" style=\"[^\"]*color: #ffffff[^\"]*\">Book</a>", green);
        Assert.Contains("bgcolor=\"" + EmailDesignRenderer.DefaultButtonColour + "\"", injected, StringComparison.Ordinal);
        Assert.DoesNotContain("background-image", injected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_divider_is_a_line_and_a_spacer_is_space_of_its_height_at_most_the_limit()
    {
        Assert.Matches("<hr class=\"email-divider\" style=\"[^\"]*border-top: 1px solid #dddddd", Render(new DividerBlock()));
        Assert.Contains("height: 40px", Render(new SpacerBlock(40)), StringComparison.Ordinal);
        Assert.Contains($"height: {EmailDesignRenderer.MaxSpacerHeight}px", Render(new SpacerBlock(5000)), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_columns_sit_side_by_side_and_stack_on_a_phone()
    {
        var html = Render(new ColumnsBlock([new TextBlock("<p>Left</p>")], [new HeadingBlock("Right")]));

        Assert.Matches("<td class=\"email-column\" width=\"50%\" valign=\"top\" style=\"[^\"]*width: 50%[^\"]*\"><p>Left</p></td><td class=\"email-column\"[^>]*><h1", html);
        Assert.Matches(@"@media only screen and \(max-width: 620px\) \{[^}]*\.email-container \{ width: 100% !important;[^}]*\}\s*\.email-column \{ display: block !important; width: 100% !important; \}", html);
    }

    [Fact]
    public void Columns_cannot_hold_columns()
    {
        Assert.Throws<ArgumentException>(() => new ColumnsBlock([new ColumnsBlock([], [])], []));
    }

    [Fact]
    public void The_layout_is_a_600px_table_with_the_style_sheet_inlined_and_only_the_phone_rules_left_in_a_style_element()
    {
        var html = Render(new TextBlock("<p>Hi</p>"));

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Matches("<table role=\"presentation\" class=\"email-container\" width=\"600\"[^>]*style=\"[^\"]*max-width: 600px", html);
        Assert.Matches("<td class=\"email-block\" style=\"padding: 8px 24px\"><p>Hi</p></td>", html);
        Assert.Single(StyleElement().Matches(html));
        Assert.Contains("@media", StyleElement().Match(html).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_event_handlers_and_javascript_addresses_are_removed()
    {
        var html = Render(
            new HtmlBlock("<p onclick=\"steal()\">Hi</p><script>steal()</script><a href=\"javascript:steal()\">x</a><iframe src=\"https://evil.test\"></iframe>"),
            new ImageBlock("javascript:steal()", "x"),
            new ButtonBlock("Go", "javascript:steal()"));

        Assert.DoesNotContain("steal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
        Assert.Contains("<p>Hi</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Mail_addresses_tables_and_inline_styles_that_email_needs_are_kept()
    {
        const string table = "<table width=\"100%\" cellpadding=\"4\"><tbody><tr><td align=\"right\" bgcolor=\"#eeeeee\">x</td></tr></tbody></table>";
        var html = Render(new HtmlBlock("<p style=\"font-weight: bold\"><a href=\"mailto:desk@gym.test\">Write</a></p>" + table));

        Assert.Contains("<p style=\"font-weight: bold\"><a href=\"mailto:desk@gym.test\">Write</a></p>" + table, html, StringComparison.Ordinal);
    }

    [Fact]
    public void Liquid_tags_stay_untouched_in_text_and_in_addresses()
    {
        var html = Render(
            new HeadingBlock("Hi {{ client.first_name | default: \"friend\" }}"),
            new TextBlock("<p>{% if client.first_name != \"\" %}Dear {{ client.first_name }}{% endif %} &amp; {% if 2 &gt; 1 %}yes{% endif %}</p>"),
            new ImageBlock("https://gym.test/{{ client.email }}.png", "{{ gym.name }}", "{{ unsubscribe_url }}"),
            new ButtonBlock("Leave {{ gym.name }}", "{{ unsubscribe_url }}"),
            new HtmlBlock("<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>"));

        Assert.Contains(">Hi {{ client.first_name | default: \"friend\" }}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("{% if client.first_name != \"\" %}Dear {{ client.first_name }}{% endif %} &amp; {% if 2 > 1 %}yes{% endif %}", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"{{ unsubscribe_url }}\"><img src=\"https://gym.test/{{ client.email }}.png\" alt=\"{{ gym.name }}\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"{{ unsubscribe_url }}\" class=\"email-button-link\"", html, StringComparison.Ordinal);
        Assert.Contains(">Leave {{ gym.name }}</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_result_renders_through_the_email_templates_with_a_clients_data()
    {
        var templates = new EmailTemplates();
        var body = Render(
            new HeadingBlock("Hi {{ client.first_name }}"),
            new ButtonBlock("Leave {{ gym.name }}", "{{ unsubscribe_url }}"));

        var check = templates.Check("Hello", body);
        var email = templates.Render("Hello", body, Ann);

        Assert.True(check.IsValid, check.BodyError);
        Assert.Contains(">Hi Ann</h1>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://gym.test/unsubscribe?client=7&amp;token=abc\" class=\"email-button-link\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("You are receiving", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_body_opens_as_one_html_block_and_renders_unchanged_apart_from_sanitizing()
    {
        const string existing = "<p>Hi {{ client.first_name }},</p>\n<p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>";

        var design = EmailDesign.FromHtml(existing);
        var html = EmailDesignRenderer.Render(design);
        var unsafeHtml = EmailDesignRenderer.Render(EmailDesign.FromHtml(existing + "<script>x()</script>"));

        Assert.Equal(new HtmlBlock(existing), Assert.Single(design.Blocks));
        Assert.Contains($"<td class=\"email-block\" style=\"padding: 8px 24px\">{existing}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"email-block\" style=\"padding: 8px 24px\">{existing}</td>", unsafeHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_design_survives_a_json_round_trip_with_each_block_kind()
    {
        var design = new EmailDesign(
        [
            new HeadingBlock("Hi", 2), new TextBlock("<p>x</p>"), new ImageBlock("https://gym.test/a.png", "a", "https://gym.test"),
            new ButtonBlock("Go", "https://gym.test", "#000000"), new DividerBlock(), new SpacerBlock(12),
            new ColumnsBlock([new TextBlock("<p>l</p>")], [new DividerBlock()]), new HtmlBlock("<b>raw</b>"),
        ]);

        var json = design.ToJson();
        var back = EmailDesign.FromJson(json);

        Assert.Contains("\"kind\":\"columns\"", json, StringComparison.Ordinal);
        Assert.Equal(design.Blocks.Take(6), back.Blocks.Take(6));
        var columns = Assert.IsType<ColumnsBlock>(back.Blocks[6]);
        Assert.Equal(new TextBlock("<p>l</p>"), Assert.Single(columns.Left));
        Assert.Equal(new DividerBlock(), Assert.Single(columns.Right));
        Assert.Equal(new HtmlBlock("<b>raw</b>"), back.Blocks[7]);
        Assert.Equal(EmailDesignRenderer.Render(design), EmailDesignRenderer.Render(back));
    }

    private static string Render(params EmailBlock[] blocks) => EmailDesignRenderer.Render(new EmailDesign(blocks));

    [GeneratedRegex("<style[^>]*>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();
}
