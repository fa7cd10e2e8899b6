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

    [Theory]
    [InlineData("en", "No visit for 1 day: last visit 2 days ago, on 8 Mar 2026.", "No visit for 2 days: last visit 2 days ago, on 8 Mar 2026.")]
    [InlineData("es", "Sin visitas en 1 día: última visita hace 2 días, el 8 mar 2026.", "Sin visitas en 2 días: última visita hace 2 días, el 8 mar 2026.")]
    public void A_rule_of_one_day_without_visits_says_day(string language, string one, string two)
    {
        var culture = CultureInfo.GetCultureInfo(language);

        Assert.Equal(one, Explain(AlertType.NoAttendance, new AlertFacts { Days = 1, LastVisitAt = gym.Now.AddDays(-2) }, culture));
        Assert.Equal(two, Explain(AlertType.NoAttendance, new AlertFacts { Days = 2, LastVisitAt = gym.Now.AddDays(-2) }, culture));
    }

    [Theory]
    [InlineData("en", 1, "Class bookings in the last day: 0, fewer than 1, from a member who used to book classes.")]
    [InlineData("en", 2, "Class bookings in the last 2 days: 0, fewer than 1, from a member who used to book classes.")]
    [InlineData("es", 1, "Reservas de clase en el último día: 0, menos de 1, de alguien que reservaba clases.")]
    [InlineData("es", 2, "Reservas de clase en los últimos 2 días: 0, menos de 1, de alguien que reservaba clases.")]
    public void Few_class_bookings_count_the_days_in_words(string language, int days, string expected) =>
        Assert.Equal(expected, Explain(AlertType.LowClassBooking, new AlertFacts { Days = days, Threshold = 1, Counted = 0 }, CultureInfo.GetCultureInfo(language)));

    [Theory]
    [InlineData("en", 1, "Visits in the first day after joining on 9 Mar 2026: 0, fewer than 1.")]
    [InlineData("en", 2, "Visits in the first 2 days after joining on 9 Mar 2026: 0, fewer than 1.")]
    [InlineData("es", 1, "Visitas en el primer día tras apuntarse el 9 mar 2026: 0, menos de 1.")]
    [InlineData("es", 2, "Visitas en los primeros 2 días tras apuntarse el 9 mar 2026: 0, menos de 1.")]
    public void Few_early_visits_count_the_days_in_words(string language, int days, string expected) =>
        Assert.Equal(
            expected,
            Explain(AlertType.LowEarlyAttendance, new AlertFacts { Days = days, Threshold = 1, Counted = 0, JoinedOn = gym.Today.AddDays(-1) }, CultureInfo.GetCultureInfo(language)));

    [Theory]
    [InlineData("en", 1, 1, "Cancelled 1 of 1 booking (100 %) in the last day.")]
    [InlineData("en", 2, 2, "Cancelled 1 of the last 2 bookings (50 %) in the last 2 days.")]
    [InlineData("es", 1, 1, "Canceló 1 de 1 reserva (100 %) en el último día.")]
    [InlineData("es", 2, 2, "Canceló 1 de sus últimas 2 reservas (50 %) en los últimos 2 días.")]
    public void Cancellations_count_bookings_and_days_in_words(string language, int bookings, int days, string expected) =>
        Assert.Equal(
            expected,
            Explain(AlertType.HighCancellationRate, new AlertFacts { Days = days, Threshold = 1, Counted = 1, OutOf = bookings }, CultureInfo.GetCultureInfo(language)));

    private string Explain(AlertType type, AlertFacts facts, CultureInfo culture) => gym.Gym.Get<AlertExplanation>().Explain(type, facts, culture);
}
