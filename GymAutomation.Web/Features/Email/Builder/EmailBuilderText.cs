namespace GymAutomation.Web.Features.Email.Builder;

/// <summary>The visual email builder's texts (EmailBuilderText.resx).</summary>
public sealed class EmailBuilderText;
