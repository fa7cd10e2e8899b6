namespace GymAutomation.Web.Localization;

// Each class names one resource file beside it (English, and .es for Spanish): IStringLocalizer<AppText> reads
// Localization/AppText.resx. A feature's texts sit in its own folder the same way (Features/Clients/ClientsText.resx).

/// <summary>The shell and words every page uses.</summary>
public sealed class AppText;

/// <summary>Sign-in, sign-out, access denied.</summary>
public sealed class AccountText;
