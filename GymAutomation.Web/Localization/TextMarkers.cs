namespace GymAutomation.Web.Localization;

// Each class names one resource file under Resources/Localization (English, and .es for Spanish).
// IStringLocalizer<AppText> reads Resources/Localization/AppText.resx, and so on.

/// <summary>The shell and words every page uses.</summary>
public sealed class AppText;

/// <summary>Sign-in, sign-out, access denied.</summary>
public sealed class AccountText;

/// <summary>The client's timeline.</summary>
public sealed class TimelineText;
