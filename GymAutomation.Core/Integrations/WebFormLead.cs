using System.ComponentModel;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;

namespace GymAutomation.Core.Integrations;

/// <summary>A lead from the gym's website form, as the HTTP API receives it.</summary>
public sealed class WebFormLead
{
    /// <summary>The client's source when the form does not say.</summary>
    public const string DefaultSource = "web";

    [Description("Required.")]
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    [RequiredField]
    [Description("Required. A client who already has this email gets the submission instead of a duplicate.")]
    public string? Email { get; set; }

    public string? Phone { get; set; }

    [Description("Where the lead came from (a campaign, a page); \"web\" when not given.")]
    public string? Source { get; set; }

    [MaxChars(2000)]
    [Description("What the person wrote in the form.")]
    public string? Message { get; set; }

    /// <summary>The client this form would create: the client form's own rules check it.</summary>
    internal ClientInput ToClientInput() => new()
    {
        FirstName = FirstName ?? "",
        LastName = LastName,
        Email = Email,
        Phone = Phone,
        Source = string.IsNullOrWhiteSpace(Source) ? DefaultSource : Source,
        Status = ClientStatus.Lead,
        Stage = PipelineStage.New,
    };
}

/// <summary>What a submitted form did: the client it belongs to, whether it created them, and its <c>FORM_SUBMITTED</c> event.</summary>
public sealed record LeadReceipt(int ClientId, bool Created, long EventId);
