using GymAutomation.Core.Common;

namespace GymAutomation.Web.Features.Email;

public sealed class TestEmailInput
{
    [RequiredField, EmailField, MaxChars(254)]
    public string Recipient { get; set; } = "";
}
