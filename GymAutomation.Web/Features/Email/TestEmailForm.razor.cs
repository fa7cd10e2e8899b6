using System.Security.Claims;
using System.Text.Encodings.Web;
using GymAutomation.Core.Common;
using GymAutomation.Core.Email;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Staff;
using GymAutomation.Web.Components.Shared;
using GymAutomation.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace GymAutomation.Web.Features.Email;

/// <summary>
/// The test email form: a recipient (the signed-in admin's own address to begin with), checked next to the field,
/// and a message in the admin's language that says who asked for it and when.
/// </summary>
public partial class TestEmailForm
{
    private readonly TestEmailInput input = new();
    private readonly FormErrors errors = new();
    private bool sending;
    private EmailSendResult? failure;
    private string requestedBy = "";

    [Inject]
    private IEmailTransport Transport { get; set; } = default!;

    [Inject]
    private IOptions<EmailOptions> Options { get; set; } = default!;

    [Inject]
    private IOptions<GymOptions> Gym { get; set; } = default!;

    [Inject]
    private GymClock Clock { get; set; } = default!;

    [Inject]
    private GymFormat Format { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        requestedBy = StaffClaims.NameOf(user) ?? "";
        if ((user.FindFirst(ClaimTypes.Email)?.Value ?? user.Identity?.Name) is { } own && EmailAddresses.IsValid(own))
        {
            input.Recipient = own;
        }
    }

    private async Task SendAsync()
    {
        if (sending)
        {
            return;
        }

        failure = null;
        errors.Show(InputValidation.Validate(input));
        if (errors.Any)
        {
            return;
        }

        sending = true;
        try
        {
            var recipient = input.Recipient.Trim();
            var result = await Transport.SendAsync(Compose(recipient));
            if (result.Succeeded)
            {
                var done = Options.Value.Transport == EmailTransportKind.Pickup ? "SavedDone" : "SentDone";
                Snackbar.Add(E[done, recipient], Severity.Success);
            }
            else
            {
                failure = result;
            }
        }
        finally
        {
            sending = false;
        }
    }

    private EmailMessage Compose(string recipient)
    {
        var gym = Gym.Value.Name;
        string[] paragraphs =
        [
            E["TestBody", gym],
            E["TestRequestedBy", requestedBy, Format.DateTime(Clock.UtcNow)],
        ];
        var html = string.Concat(paragraphs.Select(p => $"<p>{HtmlEncoder.Default.Encode(p)}</p>"));
        return new EmailMessage(recipient, null, E["TestSubject", gym], $"<html><body>{html}</body></html>", string.Join("\n\n", paragraphs));
    }
}
