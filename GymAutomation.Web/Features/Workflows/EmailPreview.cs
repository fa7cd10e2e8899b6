namespace GymAutomation.Web.Features.Workflows;

/// <summary>
/// The document a sent email is shown in, inside a sandboxed iframe: no scripts, no network, and links that go
/// nowhere — so looking at an email neither runs what it carries nor fires its open pixel or tracked links, which
/// would count the staff member's look as the client's open or click.
/// </summary>
public static class EmailPreview
{
    private const string Head =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">" +
        "<base target=\"_blank\">";

    /// <summary>The value for the iframe's <c>srcdoc</c>; Blazor encodes it as an attribute.</summary>
    public static string SrcDoc(string htmlBody) => Head + htmlBody;
}
