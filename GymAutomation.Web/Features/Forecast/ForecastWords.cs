using GymAutomation.Core.Events;
using GymAutomation.Core.Forecast;
using GymAutomation.Core.Workflows;
using GymAutomation.Web.Localization;
using Microsoft.Extensions.Localization;

namespace GymAutomation.Web.Features.Forecast;

/// <summary>The forecast's sentences: why an email moved, and the answer it waits for, in the reader's words.</summary>
public static class ForecastWords
{
    public static string Question(IStringLocalizer<ForecastText> text, GymFormat format, ForecastQuestion question) =>
        text["Question", Act(text, question), Day(format, question.Until), question.WorkflowName];

    public static string IfNot(IStringLocalizer<ForecastText> text, GymFormat format, ForecastQuestion question) =>
        text["IfNot", Act(text, question), Day(format, question.Until)];

    private static string Act(IStringLocalizer<ForecastText> text, ForecastQuestion question)
    {
        var kind = question.Kind == StepKind.IfElse
            ? question.Condition == StepCondition.ClickedEmail ? ClientEventTypes.EmailClicked : ClientEventTypes.EmailOpened
            : question.EventType ?? ClientEventTypes.EmailOpened;
        return question.EmailName is { } email && kind is ClientEventTypes.EmailOpened or ClientEventTypes.EmailClicked
            ? text[$"Act.{kind}", $"«{email}»"]
            : text[$"Act.{kind}.Any"];
    }

    private static string Day(GymFormat format, DateTime utc) => format.DayAndTime(utc);
}
