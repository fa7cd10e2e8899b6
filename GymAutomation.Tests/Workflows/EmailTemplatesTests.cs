using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Workflows;

/// <summary>The Liquid subject and body of a workflow email: checked as a marketer edits them, rendered for each client.</summary>
public sealed class EmailTemplatesTests
{
    private const string UnsubscribeUrl = "https://gym.test/unsubscribe?client=7&token=abc";

    private static readonly TemplateData Ann = new("Ann", "Lee", "ann@example.test", "Iron Gym", UnsubscribeUrl);

    private readonly EmailTemplates templates = new();

    [Fact]
    public void A_good_template_renders_with_every_merge_field_filled()
    {
        const string body = """
            <p>Hi {{ client.first_name }} {{ client.last_name }} ({{ client.full_name }}, {{ client.email }}),</p>
            <p>Welcome to {{ gym.name }}.</p>
            <p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>
            """;

        var check = templates.Check("Welcome to {{ gym.name }}, {{ client.first_name }}", body);
        var email = templates.Render("Welcome to {{ gym.name }}, {{ client.first_name }}", body, Ann);

        Assert.True(check.IsValid);
        Assert.Equal("Welcome to Iron Gym, Ann", email.Subject);
        Assert.Contains("Hi Ann Lee (Ann Lee, ann@example.test),", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Welcome to Iron Gym.", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://gym.test/unsubscribe?client=7&amp;token=abc\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parsed_texts_kept_stay_bounded_however_many_drafts_are_previewed()
    {
        for (var edit = 0; edit < EmailTemplates.MaxKept + 10; edit++)
        {
            templates.Render($"Draft {edit}, {{{{ client.first_name }}}}", $"<p>Draft {edit}</p>", Ann);
        }

        Assert.InRange(templates.KeptCount, 1, EmailTemplates.MaxKept);
        Assert.Equal($"Draft {EmailTemplates.MaxKept + 10}, Ann", templates.Render($"Draft {EmailTemplates.MaxKept + 10}, {{{{ client.first_name }}}}", "<p>x</p>", Ann).Subject);
    }

    [Fact]
    public void Every_listed_merge_field_is_accepted_and_filled()
    {
        foreach (var field in EmailTemplates.Fields)
        {
            var template = $"{{{{ {field.Name} }}}}";

            Assert.Null(templates.Check(template, template).SubjectError);
            Assert.NotEqual(string.Empty, templates.Render(template, template, Ann).Subject);
        }
    }

    [Fact]
    public void Html_in_a_clients_name_is_encoded_in_the_body_but_not_in_the_subject()
    {
        var data = Ann with { FirstName = "<b>José</b>" };

        var email = templates.Render("Hi {{ client.first_name }}", "<p>Hi {{ client.first_name }}</p>", data);

        Assert.Equal("Hi <b>José</b>", email.Subject);
        Assert.Contains("<p>Hi &lt;b&gt;José&lt;/b&gt;</p>", email.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("Hi <b>José</b>", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_is_reported_with_its_line()
    {
        var check = templates.Check("Hello", "<p>Hello</p>\n{% iff client.first_name %}x{% endif %}");

        Assert.Null(check.SubjectError);
        Assert.Equal("Line 2, position 7: Unknown tag 'iff'.", check.BodyError);
        Assert.False(check.IsValid);
    }

    [Fact]
    public void An_unclosed_output_in_the_subject_is_reported_there()
    {
        var check = templates.Check("Hi {{ client.first_name", "<p>Hello</p>");

        Assert.StartsWith("Line 1, position ", check.SubjectError, StringComparison.Ordinal);
        Assert.Null(check.BodyError);
    }

    [Theory]
    [InlineData("{{ client.frist_name }}", "client.frist_name")]
    [InlineData("{{ clinet.first_name }}", "clinet.first_name")]
    [InlineData("{{ client }}", "client")]
    [InlineData("{% if gym.city %}x{% endif %}", "gym.city")]
    [InlineData("{{ 'Hi ' | append: first_name }}", "first_name")]
    public void An_unknown_merge_field_is_refused(string body, string field)
    {
        var check = templates.Check("Hello", body);

        Assert.Equal($"There is no merge field '{field}'. Pick one from the list.", check.BodyError);
    }

    [Fact]
    public void Variables_the_template_defines_and_members_of_a_fields_value_are_accepted()
    {
        const string body = """
            {% assign name = client.first_name | upcase %}{% capture greeting %}Hi {{ name }}{% endcapture %}
            {{ greeting }} {{ client.first_name.size }}
            {% for i in (1..2) %}{{ i }}{{ forloop.index }}{% endfor %}
            """;

        Assert.True(templates.Check("Hello", body).IsValid);
    }

    [Fact]
    public void An_unknown_filter_is_refused()
    {
        var check = templates.Check("{{ client.first_name | upcse }}", "<p>Hi</p>");

        Assert.Equal("There is no filter 'upcse'.", check.SubjectError);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_subject_is_refused(string? subject)
    {
        var check = templates.Check(subject, "<p>Hello</p>");

        Assert.Equal("A subject is needed.", check.SubjectError);
        Assert.Null(check.BodyError);
    }

    [Fact]
    public void An_empty_body_is_refused()
    {
        Assert.Equal("A body is needed.", templates.Check("Hello", " ").BodyError);
    }

    [Fact]
    public void A_spanish_marketer_reads_what_is_wrong_with_a_template_in_spanish()
    {
        using var spanish = new CultureScope("es");

        Assert.Equal(("Falta el asunto.", "Falta el cuerpo del email."), (templates.Check("", "").SubjectError, templates.Check("", "").BodyError));
        Assert.Equal("No existe el campo 'client.age'. Elige uno de la lista.", templates.Check("Hola", "<p>{{ client.age }}</p>").BodyError);
        Assert.Equal("No existe el filtro 'upcse'.", templates.Check("{{ client.first_name | upcse }}", "<p>Hola</p>").SubjectError);
        Assert.StartsWith("Línea 1, posición", templates.Check("{% iff %}", "<p>Hola</p>").SubjectError, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unsubscribe_footer_is_added_when_the_body_has_no_link()
    {
        var email = templates.Render("Hello", "<p>Hi {{ client.first_name }}</p>", Ann);

        Assert.EndsWith(
            "<p>Don't want these emails any more? <a href=\"https://gym.test/unsubscribe?client=7&amp;token=abc\">Unsubscribe</a>.</p>",
            email.HtmlBody,
            StringComparison.Ordinal);
        Assert.Contains($"Unsubscribe ({UnsubscribeUrl})", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_unsubscribe_footer_is_in_the_gyms_language()
    {
        var email = templates.Render("Hola", "<p>Hola {{ client.first_name }}</p>", Ann with { Language = "es" });

        Assert.EndsWith(
            "<p>¿No quieres recibir más estos correos? <a href=\"https://gym.test/unsubscribe?client=7&amp;token=abc\">Darte de baja</a>.</p>",
            email.HtmlBody,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p><a href=\"{{ unsubscribe_url }}\">Stop</a></p>")]
    [InlineData("<p><a href=\"{{unsubscribe_url}}\">Stop</a></p>")]
    [InlineData("<p>Stop: {{ unsubscribe_url | raw }}</p>")]
    public void The_unsubscribe_footer_is_not_added_when_the_body_has_the_link(string body)
    {
        var email = templates.Render("Hello", body, Ann);

        Assert.DoesNotContain("Don't want these emails", email.HtmlBody, StringComparison.Ordinal);
        Assert.Single(email.HtmlBody.Split("unsubscribe?client=7").Skip(1));
    }

    [Fact]
    public void The_plain_text_has_no_tags_and_keeps_the_links_addresses()
    {
        const string body = """
            <h1>Welcome, {{ client.first_name }}!</h1>
            <p>Classes &amp; more at <strong>{{ gym.name }}</strong>.<br>See you soon.</p>
            <p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>
            """;

        var text = templates.Render("Hello", body, Ann).TextBody;

        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.DoesNotContain(">", text, StringComparison.Ordinal);
        Assert.Equal(
            $"Welcome, Ann!\n\nClasses & more at Iron Gym.\nSee you soon.\n\nUnsubscribe ({UnsubscribeUrl})",
            text);
    }

    [Fact]
    public void A_template_that_does_not_parse_is_not_rendered()
    {
        Assert.Throws<InvalidOperationException>(() => templates.Render("Hello", "{% if %}", Ann));
    }
}
