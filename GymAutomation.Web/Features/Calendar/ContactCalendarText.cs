namespace GymAutomation.Web.Features.Calendar;

/// <summary>The contact calendar's page, and the words that say why an email was moved.</summary>
public sealed class ContactCalendarText;
