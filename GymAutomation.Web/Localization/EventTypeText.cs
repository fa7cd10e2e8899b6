using GymAutomation.Web.Features.Scoring;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Localization;

public static class EventTypeText
{
    /// <summary>A client event type in words ("VISIT_REGISTERED" reads "Visit registered"); a type without words keeps its code.</summary>
    public static string EventType(this IStringLocalizer<ScoringText> text, string type) =>
        text[$"EventType.{type}"] is { ResourceNotFound: false } words ? words.Value : type;
}
