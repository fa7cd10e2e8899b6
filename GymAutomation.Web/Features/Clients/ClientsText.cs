namespace GymAutomation.Web.Features.Clients;

/// <summary>The clients list, the client's page and the front desk's forms.</summary>
public sealed class ClientsText;
