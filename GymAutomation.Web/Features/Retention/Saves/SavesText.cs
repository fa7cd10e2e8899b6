namespace GymAutomation.Web.Features.Retention.Saves;

/// <summary>The saves leaderboard, the dashboard's revenue kept and the saves export (SavesText.resx, .es.resx).</summary>
public sealed class SavesText;
