namespace GymAutomation.Web.Features.Forecast;

/// <summary>The forecast of what the app will send: on a client's page and per day on a workflow's or a campaign's (ForecastText.resx, .es.resx).</summary>
public sealed class ForecastText;
