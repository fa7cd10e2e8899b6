using System.Net;
using System.Text.RegularExpressions;

namespace GymAutomation.Tests.Support;

/// <summary>Signs in the way a browser without JavaScript does: GET the login page, post its form back.</summary>
public static partial class LoginForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        using var form = Fill(await client.GetStringAsync(url), email, password);
        return await client.PostAsync(url, form);
    }

    /// <summary>The login page's form, as rendered in <paramref name="page"/>, filled in.</summary>
    public static FormUrlEncodedContent Fill(string page, string email, string password) => new(new Dictionary<string, string>
    {
        ["_handler"] = HiddenInput(page, "_handler"),
        ["__RequestVerificationToken"] = HiddenInput(page, "__RequestVerificationToken"),
        [InputName(page, "email")] = email,
        [InputName(page, "password")] = password,
    });

    /// <summary>The text of the message the login page shows (an error, or "signed out"), or null.</summary>
    public static string? Message(string html)
    {
        var match = MessagePattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(TagPattern().Replace(match.Groups[1].Value, "")).Trim() : null;
    }

    /// <summary>The value of a hidden input of the form, as rendered.</summary>
    public static string HiddenInput(string html, string name) =>
        WebUtility.HtmlDecode(Attribute(Element(html, $"name=\"{name}\""), "value"));

    // The form's field names come from the page (Blazor names them after the bound expression), found by the inputs' ids.
    private static string InputName(string html, string id) => Attribute(Element(html, $"id=\"{id}\""), "name");

    private static string Element(string html, string marker)
    {
        var element = InputPattern().Matches(html).Select(m => m.Value).FirstOrDefault(e => e.Contains(marker, StringComparison.Ordinal));
        Assert.True(element is not null, $"The login page has no input with {marker}.");
        return element;
    }

    private static string Attribute(string element, string name)
    {
        var match = Regex.Match(element, $"\\s{name}=\"([^\"]*)\"");
        Assert.True(match.Success, $"{element} has no {name}.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex("data-testid=\"login-message\".*?class=\"mud-alert-message\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex MessagePattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
