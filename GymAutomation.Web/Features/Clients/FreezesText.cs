namespace GymAutomation.Web.Features.Clients;

/// <summary>The client's freezes: the card on their page and the freeze dialog.</summary>
public sealed class FreezesText;
