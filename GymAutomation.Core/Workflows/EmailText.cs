using System.Globalization;
using System.Resources;
using System.Text;

namespace GymAutomation.Core.Workflows;

/// <summary>What the app itself writes into the gym's emails, in the gym's language (EmailText.resx, .es.resx).</summary>
public static class EmailText
{
    private static readonly ResourceManager Manager = new("GymAutomation.Core.Workflows.EmailText", typeof(EmailText).Assembly);

    /// <summary>The footer a body without its own unsubscribe link gets; <paramref name="url"/> is already HTML-encoded.</summary>
    public static string UnsubscribeFooter(string language, string url) =>
        string.Format(CultureInfo.InvariantCulture, CompositeFormat.Parse(Manager.GetString(nameof(UnsubscribeFooter), CultureInfo.GetCultureInfo(language))!), url);
}
