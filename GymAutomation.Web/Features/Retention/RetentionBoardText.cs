namespace GymAutomation.Web.Features.Retention;

/// <summary>
/// The retention board: its columns, cards, table, filters, dialogs and the alert's details
/// (Resources/Localization/RetentionBoardText.resx). Type, state and outcome names and the actions' messages are
/// Core's <c>RetentionText</c>, shared with the API and the digest.
/// </summary>
public sealed class RetentionBoardText;
