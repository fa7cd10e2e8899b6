using System.Globalization;
using GymAutomation.Core.Retention;

namespace GymAutomation.Tests.Retention;

public sealed class AlertExplanationTests : IAsyncLifetime
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es");

    private RetentionGym gym = null!;

    public async Task InitializeAsync() => gym = await RetentionGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Theory]
    [InlineData(0, "A payment of 39.90 EUR failed today, on 10 Mar 2026, and none has succeeded since.")]
    [InlineData(1, "A payment of 39.90 EUR failed yesterday, on 9 Mar 2026, and none has succeeded since.")]
    [InlineData(3, "A payment of 39.90 EUR failed 3 days ago, on 7 Mar 2026, and none has succeeded since.")]
    public void A_failed_payment_says_when_in_words(int daysAgo, string expected)
    {
        var facts = new AlertFacts { Days = 14, PaymentFailedAt = gym.Now.AddDays(-daysAgo), PaymentAmount = 39.90m };

        Assert.Equal(expected, Explain(AlertType.PaymentFailed, facts, English));
    }

    [Fact]
    public void Each_type_explains_itself_in_the_readers_language()
    {
        Assert.Equal(
            "Sin visitas en 14 días: última visita hace 20 días, el 18 feb 2026.",
            Explain(AlertType.NoAttendance, new AlertFacts { Days = 14, LastVisitAt = gym.Now.AddDays(-20) }, Spanish));
        Assert.Equal(
            "The membership ends today, 10 Mar 2026, and no renewal is booked.",
            Explain(AlertType.MembershipExpiring, new AlertFacts { Days = 7, EndsOn = gym.Today }, English));
        Assert.Equal(
            "The membership ends in 7 days, on 17 Mar 2026, and no renewal is booked.",
            Explain(AlertType.MembershipExpiring, new AlertFacts { Days = 7, EndsOn = gym.Today.AddDays(7) }, English));
        Assert.Equal(
            "Joined 15 days ago, on 23 Feb 2026, and has not visited yet.",
            Explain(AlertType.NoFirstVisit, new AlertFacts { Days = 14, JoinedOn = gym.Today.AddDays(-15) }, English));
        Assert.Equal(
            "Cancelled 3 of the last 6 bookings (50 %) in the last 60 days.",
            Explain(AlertType.HighCancellationRate, new AlertFacts { Days = 60, Threshold = 6, Counted = 3, OutOf = 6 }, English));
        Assert.Equal(
            "Class bookings in the last 30 days: 1, fewer than 2, from a member who used to book classes.",
            Explain(AlertType.LowClassBooking, new AlertFacts { Days = 30, Threshold = 2, Counted = 1 }, English));
        Assert.Equal(
            "Visits in the first 30 days after joining on 8 Feb 2026: 3, fewer than 4.",
            Explain(AlertType.LowEarlyAttendance, new AlertFacts { Days = 30, Threshold = 4, Counted = 3, JoinedOn = gym.Today.AddDays(-30) }, English));
    }

    [Theory]
    [InlineData("en", "The membership ends in 1 day, on 11 Mar 2026, and no renewal is booked.", "Joined 1 day ago, on 9 Mar 2026, and has not visited yet.")]
    [InlineData("es", "La membresía termina en 1 día, el 11 mar 2026, y no hay renovación.", "Se apuntó hace 1 día, el 9 mar 2026, y aún no ha venido.")]
    public void One_day_is_said_in_the_singular(string language, string expiring, string joined)
    {
        var culture = CultureInfo.GetCultureInfo(language);

        Assert.Equal(expiring, Explain(AlertType.MembershipExpiring, new AlertFacts { Days = 7, EndsOn = gym.Today.AddDays(1) }, culture));
        Assert.Equal(joined, Explain(AlertType.NoFirstVisit, new AlertFacts { Days = 1, JoinedOn = gym.Today.AddDays(-1) }, culture));
    }

    private string Explain(AlertType type, AlertFacts facts, CultureInfo culture) => gym.Gym.Get<AlertExplanation>().Explain(type, facts, culture);
}
