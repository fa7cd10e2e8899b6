using GymAutomation.Core.Demo;
using GymAutomation.Core.Staff;

namespace GymAutomation.Core.Clients;

/// <summary>
/// Writes one demo client and a year of their life at the gym, as their persona lives it: memberships, check-ins at
/// their usual hour, the classes they like, monthly charges, what they buy at the bar. Nothing lies in the future but
/// classes booked for the coming days.
/// </summary>
internal sealed class DemoLife
{
    private static readonly double[] WeekdayWeights = [0.3, 1.2, 1.1, 1.1, 1.0, 0.8, 0.5];

    private readonly DemoCalendar calendar;
    private readonly IReadOnlyDictionary<string, string> staffByRole;
    private readonly Random random;
    private readonly Client client;
    private readonly List<Membership> memberships = [];
    private readonly Dictionary<DateOnly, Visit> visits = [];
    private readonly List<ClassBooking> bookings = [];
    private readonly List<Payment> payments = [];
    private readonly List<Order> orders = [];
    private DemoClassSlot[] favorites = [];
    private int habitMinute = 18 * 60;
    private double buyRate;

    private DemoLife(int number, DemoIdentity identity, string? email, DemoCalendar calendar, IReadOnlyDictionary<string, string> staffByRole)
    {
        this.calendar = calendar;
        this.staffByRole = staffByRole;
        random = new Random(DemoSeeds.Life(number));
        client = new Client
        {
            ExternalId = DemoCast.ExternalId(number),
            FirstName = identity.FirstName,
            LastName = identity.LastName,
            Email = email,
            Phone = identity.Phone,
            Source = Weighted(DemoCatalog.Sources, s => s.Weight).Source,
            EmailOptOut = Chance(0.05),
        };
    }

    /// <param name="email">The client's unique address, chosen by the caller, which knows the other clients.</param>
    /// <param name="staffByRole">The demo staff's user ids by role, for assigning clients.</param>
    public static DemoClientRecord Create(int number, DemoIdentity identity, string email, DemoCalendar calendar, IReadOnlyDictionary<string, string> staffByRole)
    {
        var life = new DemoLife(number, identity, email, calendar, staffByRole);
        switch (DemoCast.PersonaOf(number))
        {
            case DemoPersona.Regular:
                life.Regular();
                break;
            case DemoPersona.Drifter:
                life.Drifter();
                break;
            case DemoPersona.Lapsed:
                life.Lapsed();
                break;
            case DemoPersona.NewMember:
                life.NewMember();
                break;
            case DemoPersona.Lead:
                life.Lead();
                break;
            case DemoPersona.ExMember:
                life.ExMember();
                break;
        }

        return new DemoClientRecord(life.client, life.memberships, [.. life.visits.Values.OrderBy(v => v.VisitedAt)],
            life.bookings, life.payments, life.orders);
    }

    private DateOnly Today => calendar.Today;

    private DateOnly Yesterday => calendar.Yesterday;

    private void Regular()
    {
        var join = Today.AddDays(-Between(35, 1100));
        var classGoer = Chance(0.6);
        Habits(classGoer ? Between(1, 3) : 0);
        var trial = join > calendar.HistoryStart.AddDays(7) && Chance(0.3);
        var firstDay = trial ? join.AddDays(-7) : join;
        Member(created: Chance(0.3) ? firstDay.AddDays(-Between(2, 40)) : firstDay);
        if (trial)
        {
            AddMembership(DemoCatalog.FreeTrial, firstDay, join.AddDays(-1), MembershipStatus.Expired);
        }

        var membership = AddMembership(MonthlyPlan(classGoer), join, null, MembershipStatus.Active);
        PayMonthly(membership, Today, failing: 0, incidents: true);
        Attend(firstDay.AddDays(1), Yesterday, 2.2 + (random.NextDouble() * 2.8), _ => 1, minPerWeek: 2,
            attendance: 0.75, cancelRate: 0.06, noShowRate: 0.03);
        BookAhead(0.8);
        Assign((Roles.Staff, 55), (Roles.Manager, 20), ("", 25));
    }

    private void Drifter()
    {
        var join = Today.AddDays(-Between(100, 700));
        Habits(Chance(0.5) ? Between(1, 2) : 0);
        Member(created: Chance(0.3) ? join.AddDays(-Between(2, 40)) : join);
        var membership = AddMembership(MonthlyPlan(favorites.Length > 0), join, null, MembershipStatus.Active);
        PayMonthly(membership, Today, failing: 0, incidents: true);

        // Steady until a few weeks ago, then fewer visits every week.
        var fadingFor = Between(35, 49);
        Attend(join.AddDays(1), Yesterday, 2.5 + (random.NextDouble() * 2),
            daysAgo => daysAgo >= fadingFor ? 1 : 0.1 + (0.7 * daysAgo / fadingFor), minPerWeek: 2,
            attendance: 0.7, cancelRate: 0.15, noShowRate: 0.08);

        // Some took a fortnight and more off lately (a holiday, the flu) and came back: the check-in resolved their alert.
        if (Chance(0.3))
        {
            var back = Today.AddDays(-Between(2, 10));
            Break(back.AddDays(-Between(16, 21)), back);
            AddVisit(back);
        }

        if (!visits.Keys.Any(d => d >= Today.AddDays(-14)))
        {
            AddVisit(Today.AddDays(-Between(2, 12)));
        }

        BookAhead(0.3);
        Assign((Roles.Staff, 55), (Roles.Manager, 20), ("", 25));
    }

    private void Lapsed()
    {
        Habits(Chance(0.7) ? Between(1, 2) : 0);
        var kind = random.NextDouble();
        DateOnly join, stop;
        if (kind < 0.3)
        {
            // A fixed-term plan that ran out in the last weeks or runs out in the next days.
            var plan = Chance(0.7) ? DemoCatalog.Quarterly : DemoCatalog.Annual;
            var end = Today.AddDays(Between(-24, 7));
            join = end.AddMonths(-plan.Months!.Value).AddDays(1);
            stop = Today.AddDays(-Between(22, Math.Min(75, Today.DayNumber - join.DayNumber - 20)));
            Member(created: join);
            var membership = AddMembership(plan, join, end, end < Today ? MembershipStatus.Expired : MembershipStatus.Active);
            AddPayment(plan.Price, PaymentStatus.Paid, membership.CreatedAt);
        }
        else
        {
            stop = Today.AddDays(-Between(22, 75));
            join = stop.AddDays(-Between(60, 400));
            Member(created: join);
            if (kind < 0.65)
            {
                // Monthly plan left to expire.
                var end = Min(stop.AddDays(Between(0, 15)), Yesterday);
                var membership = AddMembership(MonthlyPlan(favorites.Length > 0), join, end, MembershipStatus.Expired);
                PayMonthly(membership, end, failing: Chance(0.3) ? 1 : 0, incidents: false);
            }
            else
            {
                // Still a member on paper; the card keeps bouncing since they stopped coming.
                var membership = AddMembership(MonthlyPlan(favorites.Length > 0), join, null, MembershipStatus.Active);
                var chargesSinceStop = Enumerable.Range(1, 3).Count(m => join.AddMonths(m) is var d && d > stop && d <= Today);
                PayMonthly(membership, Today, failing: Math.Max(1, chargesSinceStop), incidents: false);
            }
        }

        Attend(join.AddDays(1), stop.AddDays(-1), 1.5 + (random.NextDouble() * 2),
            daysAgo => daysAgo - (Today.DayNumber - stop.DayNumber) < 21 ? 0.5 : 1, minPerWeek: 1,
            attendance: 0.55, cancelRate: 0.2, noShowRate: 0.15);
        AddVisit(stop);
        Assign((Roles.Staff, 55), (Roles.Manager, 20), ("", 25));
    }

    private void NewMember()
    {
        var trial = Chance(0.4);
        var join = Today.AddDays(-(trial ? Between(0, 6) : Between(0, 13)));
        Habits(Chance(0.6) ? Between(1, 2) : 0);
        Member(created: Chance(0.35) ? join.AddDays(-Between(3, 45)) : join);
        if (trial)
        {
            client.Stage = PipelineStage.Trial;
            AddMembership(DemoCatalog.FreeTrial, join, join.AddDays(6), MembershipStatus.Trial);
        }
        else
        {
            var membership = AddMembership(MonthlyPlan(favorites.Length > 0), join, null, MembershipStatus.Active);
            PayMonthly(membership, Today, failing: 0, incidents: false);
        }

        Attend(join.AddDays(1), Yesterday, 2.5 + (random.NextDouble() * 1.5), _ => 1, minPerWeek: 0,
            attendance: 0.7, cancelRate: 0.05, noShowRate: 0.03);
        BookAhead(0.7);
        Assign((Roles.Staff, 60), (Roles.Manager, 15), ("", 25));
    }

    private void Lead()
    {
        var roll = random.NextDouble();
        var (stage, created) = roll switch
        {
            < 0.30 => (PipelineStage.New, Today.AddDays(-Between(0, 9))),
            < 0.60 => (PipelineStage.Contacted, Today.AddDays(-Between(4, 60))),
            < 0.80 => (PipelineStage.HotLead, Today.AddDays(-Between(3, 45))),
            _ => (PipelineStage.Lost, Today.AddDays(-Between(60, 360))),
        };
        client.Status = ClientStatus.Lead;

        // A warm lead is written as Contacted: the Hot lead automation moves them on when their score reaches its
        // threshold, as it does live, so no lead is hot below it.
        client.Stage = stage == PipelineStage.HotLead ? PipelineStage.Contacted : stage;
        client.CreatedAt = Moment(created, 9 * 60, 21 * 60);
        client.UpdatedAt = Min(client.CreatedAt.AddDays(stage == PipelineStage.New ? 0 : Between(1, 6)), calendar.Now);
        if (client.Source == "walk-in" && Chance(0.3))
        {
            client.Email = null;
        }

        client.EmailOptOut = Chance(stage == PipelineStage.Lost ? 0.3 : 0.04);
        buyRate = 0.3;
        switch (stage)
        {
            case PipelineStage.HotLead:
                // Guest passes and a trial class: interested, not signed up yet.
                Habits(1);
                Attend(created.AddDays(1), Yesterday, 1, _ => 1, minPerWeek: 0, attendance: 0.5, cancelRate: 0.1, noShowRate: 0.1);
                BookAhead(0.4);
                break;
            case PipelineStage.Contacted when Chance(0.3):
                AddVisit(RandomDay(created.AddDays(1), Yesterday));
                break;
            case PipelineStage.Lost when Chance(0.2):
                AddVisit(RandomDay(created.AddDays(1), created.AddDays(30)));
                break;
        }

        Assign((Roles.Marketer, 50), (Roles.Staff, 30), ("", 20));
    }

    private void ExMember()
    {
        var end = Today.AddDays(-Between(90, 300));
        Habits(Chance(0.5) ? 1 : 0);
        Membership membership;
        if (Chance(0.6))
        {
            var join = end.AddDays(-Between(120, 720));
            Member(created: join);
            membership = AddMembership(MonthlyPlan(favorites.Length > 0), join, end, MembershipStatus.Cancelled);
            PayMonthly(membership, end, failing: 0, incidents: false);
            if (Chance(0.4) && payments.Count > 0)
            {
                payments[^1].Status = PaymentStatus.Refunded;
            }
        }
        else
        {
            var join = end.AddYears(-1).AddDays(1);
            Member(created: join);
            membership = AddMembership(DemoCatalog.Annual, join, end, MembershipStatus.Expired);
            if (join >= calendar.HistoryStart)
            {
                AddPayment(DemoCatalog.Annual.Price, PaymentStatus.Paid, membership.CreatedAt);
            }
        }

        var endAgo = Today.DayNumber - end.DayNumber;
        Attend(membership.StartDate.AddDays(1), end, 1.5 + (random.NextDouble() * 1.5),
            daysAgo => daysAgo - endAgo < 42 ? 0.4 : 1, minPerWeek: 0, attendance: 0.5, cancelRate: 0.15, noShowRate: 0.1);
        client.Status = ClientStatus.Inactive;
        client.Stage = PipelineStage.Lost;
        client.EmailOptOut = Chance(0.25);
        Assign((Roles.Staff, 40), ("", 60));
    }

    private void Member(DateOnly created)
    {
        client.Status = ClientStatus.Active;
        client.Stage = PipelineStage.Member;
        client.CreatedAt = Moment(created, 9 * 60, 21 * 60);
        client.UpdatedAt = client.CreatedAt;
        buyRate = random.NextDouble() * 0.25;
    }

    /// <summary>The hour they usually come at, the classes they like.</summary>
    private void Habits(int favoriteClasses)
    {
        habitMinute = random.NextDouble() switch
        {
            < 0.3 => Between((6 * 60) + 40, (8 * 60) + 45),
            < 0.5 => Between((12 * 60) + 30, 15 * 60),
            _ => Between((17 * 60) + 30, 21 * 60),
        };
        var nearby = DemoCatalog.Timetable.Where(s => Math.Abs(s.Minute - habitMinute) <= 150).ToArray();
        var pool = nearby.Length >= favoriteClasses ? nearby : DemoCatalog.Timetable;
        favorites = pool.OrderBy(_ => random.Next()).Take(favoriteClasses).ToArray();
    }

    private DemoPlan MonthlyPlan(bool classGoer) => random.NextDouble() switch
    {
        < 0.6 when classGoer => DemoCatalog.Premium,
        < 0.15 when habitMinute < 16 * 60 => DemoCatalog.OffPeak,
        < 0.3 => DemoCatalog.Student,
        < 0.5 => DemoCatalog.Premium,
        _ => DemoCatalog.Basic,
    };

    private Membership AddMembership(DemoPlan plan, DateOnly start, DateOnly? end, MembershipStatus status)
    {
        var membership = new Membership
        {
            ExternalId = $"{client.ExternalId}-m{memberships.Count + 1}",
            Plan = plan.Name,
            StartDate = start,
            EndDate = end,
            Status = status,
            Price = plan.Price,
            CreatedAt = Max(client.CreatedAt, Moment(start, 9 * 60, 21 * 60)),
        };
        memberships.Add(membership);
        client.UpdatedAt = Max(client.UpdatedAt, membership.CreatedAt);
        return membership;
    }

    /// <summary>
    /// A charge on each monthly anniversary of the start, up to <paramref name="until"/>, within the year of history.
    /// The last <paramref name="failing"/> charges fail; with <paramref name="incidents"/>, an old charge now and then
    /// fails and is retried, or is taken twice and refunded.
    /// </summary>
    private void PayMonthly(Membership membership, DateOnly until, int failing, bool incidents)
    {
        var charges = new List<DateTime>();
        for (var month = 0; membership.StartDate.AddMonths(month) is var day && day <= until && day <= Today; month++)
        {
            if (day < calendar.HistoryStart || (membership.EndDate is { } end && day > end))
            {
                continue;
            }

            var at = month == 0 ? membership.CreatedAt : calendar.Utc(day, Between(6 * 60, 8 * 60), Between(0, 59));
            if (at <= calendar.Now)
            {
                charges.Add(at);
            }
        }

        var amount = membership.Price ?? 0;
        for (var i = 0; i < charges.Count; i++)
        {
            var at = charges[i];
            if (i >= charges.Count - failing)
            {
                AddPayment(amount, PaymentStatus.Failed, at);
            }
            else if (incidents && at < calendar.Now.AddDays(-40) && Chance(0.03))
            {
                AddPayment(amount, PaymentStatus.Failed, at);
                AddPayment(amount, PaymentStatus.Paid, at.AddDays(2));
            }
            else
            {
                AddPayment(amount, PaymentStatus.Paid, at);
                if (incidents && Chance(0.015))
                {
                    AddPayment(amount, PaymentStatus.Refunded, at.AddMinutes(3));
                }
            }
        }
    }

    private void AddPayment(decimal amount, PaymentStatus status, DateTime at) =>
        payments.Add(new Payment
        {
            ExternalId = $"{client.ExternalId}-p{payments.Count + 1:000}",
            Amount = amount,
            Status = status,
            CreatedAt = at,
        });

    /// <summary>
    /// Check-ins and classes from <paramref name="from"/> to <paramref name="until"/>, a week at a time counted back
    /// from yesterday. <paramref name="activity"/> scales the week (given how many days ago it was) from 0 to 1;
    /// a full week at full activity has at least <paramref name="minPerWeek"/> visits.
    /// </summary>
    private void Attend(DateOnly from, DateOnly until, double perWeek, Func<int, double> activity, int minPerWeek,
        double attendance, double cancelRate, double noShowRate)
    {
        from = Max(from, calendar.HistoryStart);
        until = Min(until, Yesterday);
        for (var weeksAgo = 0; Yesterday.AddDays(-7 * weeksAgo) is var weekEnd && weekEnd >= from; weeksAgo++)
        {
            var weekStart = weekEnd.AddDays(-6);
            var days = Days(Max(weekStart, from), Min(weekEnd, until));
            if (days.Count == 0)
            {
                continue;
            }

            var level = activity(Today.DayNumber - weekStart.DayNumber - 3);
            var busy = new HashSet<DateOnly>();
            foreach (var slot in favorites)
            {
                var day = days.FirstOrDefault(d => d.DayOfWeek == slot.Day);
                if (day == default)
                {
                    continue;
                }

                var classAt = calendar.Utc(day, slot.Minute);
                var roll = random.NextDouble();
                if (roll < attendance * level)
                {
                    AddBooking(slot, classAt, BookingStatus.Attended);
                    AddVisit(day, classAt.AddMinutes(-Between(5, 15)).AddSeconds(Between(0, 59)));
                    busy.Add(day);
                }
                else if (roll < (attendance * level) + cancelRate)
                {
                    AddBooking(slot, classAt, BookingStatus.Cancelled);
                }
                else if (roll < (attendance * level) + cancelRate + noShowRate)
                {
                    AddBooking(slot, classAt, BookingStatus.NoShow);
                    busy.Add(day);
                }
            }

            var wanted = (int)(perWeek * level) + (random.NextDouble() < (perWeek * level) % 1 ? 1 : 0);
            if (days.Count == 7 && level >= 1)
            {
                wanted = Math.Max(wanted, minPerWeek);
            }

            var free = days.Where(d => !busy.Contains(d)).ToList();
            for (var n = busy.Count(visits.ContainsKey); n < wanted && free.Count > 0; n++)
            {
                var day = Weighted(free, d => WeekdayWeights[(int)d.DayOfWeek]);
                free.Remove(day);
                AddVisit(day);
            }
        }
    }

    /// <summary>No visit, class or purchase from <paramref name="from"/> until the day before <paramref name="until"/>.</summary>
    private void Break(DateOnly from, DateOnly until)
    {
        var (start, end) = (calendar.Utc(from, 0), calendar.Utc(until, 0));
        foreach (var day in visits.Keys.Where(d => d >= from && d < until).ToList())
        {
            visits.Remove(day);
        }

        bookings.RemoveAll(b => b.ClassAt >= start && b.ClassAt < end);
        orders.RemoveAll(o => o.CreatedAt >= start && o.CreatedAt < end);

        // Numbered again, so the next one added takes the next free number.
        for (var i = 0; i < bookings.Count; i++)
        {
            bookings[i].ExternalId = $"{client.ExternalId}-b{i + 1:000}";
        }

        for (var i = 0; i < orders.Count; i++)
        {
            orders[i].ExternalId = $"{client.ExternalId}-o{i + 1:000}";
        }
    }

    /// <summary>Classes they like, booked for the coming week.</summary>
    private void BookAhead(double chance)
    {
        foreach (var slot in favorites)
        {
            var day = Days(Today, Today.AddDays(6)).First(d => d.DayOfWeek == slot.Day);
            var classAt = calendar.Utc(day, slot.Minute);
            if (classAt > calendar.Now && Chance(chance))
            {
                var earliest = Max(client.CreatedAt, calendar.Now.AddDays(-4));
                var bookedAt = earliest.AddSeconds(random.NextDouble() * (calendar.Now - earliest).TotalSeconds);
                AddBooking(slot, classAt, BookingStatus.Booked, bookedAt);
            }
        }
    }

    private void AddBooking(DemoClassSlot slot, DateTime classAt, BookingStatus status, DateTime? bookedAt = null) =>
        bookings.Add(new ClassBooking
        {
            ExternalId = $"{client.ExternalId}-b{bookings.Count + 1:000}",
            ClassName = slot.Name,
            ClassAt = classAt,
            Status = status,
            BookedAt = bookedAt ?? Max(client.CreatedAt, classAt.AddMinutes(-Between(60, 72 * 60))),
        });

    /// <summary>A check-in at their usual hour (weekends: late morning), and now and then something from the bar.</summary>
    private void AddVisit(DateOnly day)
    {
        var minute = day.DayOfWeek switch
        {
            DayOfWeek.Saturday => Between((9 * 60) + 15, 13 * 60),
            DayOfWeek.Sunday => Between((9 * 60) + 15, (12 * 60) + 30),
            _ => Math.Clamp(habitMinute + Between(-25, 25), (6 * 60) + 35, (21 * 60) + 45),
        };
        AddVisit(day, calendar.Utc(day, minute, Between(0, 59)));
    }

    private void AddVisit(DateOnly day, DateTime at)
    {
        if (at > calendar.Now || at < client.CreatedAt || !visits.TryAdd(day, new Visit { VisitedAt = at }))
        {
            return;
        }

        if (Chance(buyRate) && at.AddMinutes(Between(40, 100)) is var boughtAt && boughtAt <= calendar.Now)
        {
            var product = Weighted(DemoCatalog.Shop, p => p.Weight);
            var quantity = product.Price < 3 && Chance(0.25) ? 2 : 1;
            orders.Add(new Order
            {
                ExternalId = $"{client.ExternalId}-o{orders.Count + 1:000}",
                Total = product.Price * quantity,
                Description = quantity == 1 ? product.Name : $"{product.Name} ×{quantity}",
                CreatedAt = boughtAt,
            });
        }
    }

    private void Assign(params (string Role, int Weight)[] choices)
    {
        var role = Weighted(choices, c => c.Weight).Role;
        client.AssignedStaffId = staffByRole.GetValueOrDefault(role);
    }

    /// <summary>A moment of the day between two wall-clock minutes; today, never later than now.</summary>
    private DateTime Moment(DateOnly day, int fromMinute, int toMinute)
    {
        var at = calendar.Utc(day, Between(fromMinute, toMinute), Between(0, 59));
        if (at <= calendar.Now)
        {
            return at;
        }

        var dayStart = calendar.Utc(day, 0);
        return dayStart.AddTicks((calendar.Now - dayStart).Ticks / 2);
    }

    private DateOnly RandomDay(DateOnly from, DateOnly until)
    {
        until = Min(until, Yesterday);
        return from > until ? until : from.AddDays(random.Next(until.DayNumber - from.DayNumber + 1));
    }

    private static List<DateOnly> Days(DateOnly from, DateOnly until) =>
        Enumerable.Range(0, Math.Max(0, until.DayNumber - from.DayNumber + 1)).Select(from.AddDays).ToList();

    private T Weighted<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var roll = random.NextDouble() * items.Sum(weight);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private bool Chance(double probability) => random.NextDouble() < probability;

    private int Between(int min, int maxInclusive) => random.Next(min, maxInclusive + 1);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

/// <summary>A demo client and their history, kept apart so the client can be inserted first and the history in bulk after.</summary>
internal sealed record DemoClientRecord(
    Client Client,
    IReadOnlyList<Membership> Memberships,
    IReadOnlyList<Visit> Visits,
    IReadOnlyList<ClassBooking> Bookings,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<Order> Orders)
{
    /// <summary>Points the history at the client, once the client has its id.</summary>
    public void LinkHistory()
    {
        var id = Client.Id;
        foreach (var m in Memberships)
        {
            m.ClientId = id;
        }

        foreach (var v in Visits)
        {
            v.ClientId = id;
        }

        foreach (var b in Bookings)
        {
            b.ClientId = id;
        }

        foreach (var p in Payments)
        {
            p.ClientId = id;
        }

        foreach (var o in Orders)
        {
            o.ClientId = id;
        }
    }
}
