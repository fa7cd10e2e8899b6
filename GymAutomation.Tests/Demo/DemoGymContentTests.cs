using System.Text.Json;
using System.Text.RegularExpressions;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Demo;
using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Demo;

/// <summary>What a fresh install shows: the demo gym seeded on the first run, as of <see cref="Support.TestGym.DefaultNow"/>.</summary>
public sealed partial class DemoGymContentTests(SeededDemoGym seeded) : IClassFixture<SeededDemoGym>
{
    private DemoSnapshot Data => seeded.Data;

    private DateTime Now => seeded.Gym.Clock.UtcNow;

    private DateOnly Today => seeded.Gym.Clock.Today;

    [Fact]
    public void The_first_run_seeds_five_hundred_demo_clients()
    {
        Assert.Equal(500, DemoCast.Size);
        Assert.Equal(DemoCast.Size, Data.Clients.Count);
        Assert.All(Data.Clients, c => Assert.Matches(DemoExternalId(), c.ExternalId));
        Assert.Equal(DemoCast.Size, Data.Clients.Select(c => c.ExternalId).Distinct().Count());
    }

    [Fact]
    public void Every_persona_is_present_in_believable_numbers()
    {
        foreach (var persona in Enum.GetValues<DemoPersona>())
        {
            Assert.True(Data.Of(persona).Count() >= 20, $"{persona}: {Data.Of(persona).Count()}");
        }
    }

    [Fact]
    public void Regulars_come_at_least_eight_times_a_month_and_pay_every_month()
    {
        Assert.All(Data.Of(DemoPersona.Regular), c =>
        {
            Assert.Equal(ClientStatus.Active, c.Status);
            Assert.True(VisitsBetween(c, 30, 0) >= 8, $"{c.ExternalId}: {VisitsBetween(c, 30, 0)} visits in 30 days");
            Assert.Contains(Data.Memberships[c.Id], m => m.IsCurrentOn(Today) && m.Status == MembershipStatus.Active);
            Assert.Contains(Data.Payments[c.Id], p => p.Status == PaymentStatus.Paid && p.CreatedAt >= Now.AddDays(-32));
        });
        Assert.True(Data.Of(DemoPersona.Regular).Average(c => VisitsBetween(c, 30, 0)) >= 12);
        Assert.True(Data.Of(DemoPersona.Regular).Count(c => Data.Bookings[c.Id].Any()) > 50, "most regulars book classes");
    }

    [Fact]
    public void Drifters_come_less_than_the_month_before_yet_came_in_the_last_three_weeks()
    {
        Assert.All(Data.Of(DemoPersona.Drifter), c =>
        {
            Assert.True(VisitsBetween(c, 30, 0) < VisitsBetween(c, 60, 30),
                $"{c.ExternalId}: {VisitsBetween(c, 30, 0)} visits in the last 30 days, {VisitsBetween(c, 60, 30)} the 30 before");
            Assert.True(VisitsBetween(c, 21, 0) >= 1, c.ExternalId);
            Assert.Contains(Data.Memberships[c.Id], m => m.IsCurrentOn(Today));
        });
    }

    [Fact]
    public void Lapsed_members_stopped_coming_three_weeks_ago_with_expiring_memberships_failed_payments_and_missed_classes()
    {
        var lapsed = Data.Of(DemoPersona.Lapsed).ToList();
        Assert.All(lapsed, c =>
        {
            Assert.Equal(0, VisitsBetween(c, 21, 0));
            Assert.True(Data.Visits[c.Id].Any(), c.ExternalId);
        });
        Assert.Contains(lapsed, c => Data.Memberships[c.Id].Any(m => m.Status == MembershipStatus.Expired && m.EndDate < Today));
        Assert.Contains(lapsed, c => Data.Memberships[c.Id].Any(m =>
            m.Status == MembershipStatus.Active && m.EndDate > Today && m.EndDate <= Today.AddDays(7)));
        Assert.True(lapsed.Count(c => Data.Payments[c.Id].Any(p => p.Status == PaymentStatus.Failed)) >= 10);
        Assert.True(lapsed.Count(c => Data.Bookings[c.Id].Count(b => b.Status is BookingStatus.Cancelled or BookingStatus.NoShow) >= 3) >= 10);
    }

    [Fact]
    public void New_members_joined_in_the_last_two_weeks_some_on_trial()
    {
        var newcomers = Data.Of(DemoPersona.NewMember).ToList();
        Assert.All(newcomers, c =>
        {
            Assert.Equal(ClientStatus.Active, c.Status);
            var membership = Assert.Single(Data.Memberships[c.Id]);
            Assert.InRange(membership.StartDate, Today.AddDays(-13), Today);
            Assert.True(membership.IsCurrentOn(Today), c.ExternalId);
            Assert.DoesNotContain(Data.Visits[c.Id], v => v.VisitedAt < membership.CreatedAt);
        });
        Assert.Contains(newcomers, c => Data.Memberships[c.Id].Single().Status == MembershipStatus.Trial && c.Stage == PipelineStage.Trial);
        Assert.Contains(newcomers, c => Data.Memberships[c.Id].Single().Status == MembershipStatus.Active);
    }

    [Fact]
    public void Leads_never_converted_and_come_from_every_stage_and_source()
    {
        var leads = Data.Of(DemoPersona.Lead).ToList();
        Assert.All(leads, c =>
        {
            Assert.Equal(ClientStatus.Lead, c.Status);
            Assert.Empty(Data.Memberships[c.Id]);
            Assert.Empty(Data.Payments[c.Id]);
        });
        Assert.Equal(
            [PipelineStage.New, PipelineStage.Contacted, PipelineStage.HotLead, PipelineStage.Lost],
            leads.Select(c => c.Stage).Distinct().Order());
        Assert.True(leads.Select(c => c.Source).Distinct().Count() >= 5);
        Assert.Equal(Data.Clients.Where(c => c.Status == ClientStatus.Lead).Select(c => c.Id).Order(), leads.Select(c => c.Id).Order());
    }

    [Fact]
    public void Former_members_are_inactive_without_a_current_membership()
    {
        Assert.All(Data.Of(DemoPersona.ExMember), c =>
        {
            Assert.Equal(ClientStatus.Inactive, c.Status);
            Assert.NotEmpty(Data.Memberships[c.Id]);
            Assert.DoesNotContain(Data.Memberships[c.Id], m => m.IsCurrentOn(Today));
            Assert.Equal(0, VisitsBetween(c, 60, 0));
        });
    }

    [Fact]
    public void Nothing_lies_in_the_future_but_booked_classes()
    {
        Assert.All(Data.Clients, c => Assert.True(c.CreatedAt <= Now && c.UpdatedAt <= Now && c.CreatedAt <= c.UpdatedAt, c.ExternalId));
        Assert.All(Data.Visits.SelectMany(v => v), v => Assert.True(v.VisitedAt <= Now));
        Assert.All(Data.Payments.SelectMany(p => p), p => Assert.True(p.CreatedAt <= Now));
        Assert.All(Data.Orders.SelectMany(o => o), o => Assert.True(o.CreatedAt <= Now));
        Assert.All(Data.Memberships.SelectMany(m => m), m => Assert.True(m.CreatedAt <= Now && m.StartDate <= Today));
        var bookings = Data.Bookings.SelectMany(b => b).ToList();
        Assert.All(bookings, b =>
        {
            Assert.True(b.BookedAt <= Now && b.BookedAt <= b.ClassAt, b.ExternalId);
            Assert.Equal(b.ClassAt > Now, b.Status == BookingStatus.Booked);
        });
        Assert.Contains(bookings, b => b.Status == BookingStatus.Booked);
        Assert.Equal(
            [BookingStatus.Booked, BookingStatus.Attended, BookingStatus.Cancelled, BookingStatus.NoShow],
            bookings.Select(b => b.Status).Distinct().Order());
    }

    [Fact]
    public void History_comes_at_gym_hours_over_the_last_year()
    {
        var zone = seeded.Gym.Clock;
        Assert.All(Data.Visits.SelectMany(v => v), v =>
        {
            Assert.InRange(zone.ToLocal(v.VisitedAt).TimeOfDay, TimeSpan.FromHours(6.5), TimeSpan.FromHours(22));
            Assert.True(v.VisitedAt >= Now.AddDays(-366));
        });
        Assert.All(Data.Bookings.SelectMany(b => b), b => Assert.InRange(zone.ToLocal(b.ClassAt).Hour, 7, 20));
        Assert.Contains(Data.Visits.SelectMany(v => v), v => v.VisitedAt < Now.AddDays(-300));
        Assert.True(Data.Bookings.SelectMany(b => b).Select(b => b.ClassName).Distinct().Count() >= 6);
    }

    [Fact]
    public async Task The_history_answers_database_queries_as_it_reads_in_memory()
    {
        await using var db = seeded.Gym.CreateDb();
        var since = Now.AddDays(-30);
        Assert.Equal(Data.Visits.SelectMany(v => v).Count(v => v.VisitedAt >= since), await db.Visits.CountAsync(v => v.VisitedAt >= since));
        Assert.Equal(
            Data.Memberships.SelectMany(m => m).Count(m => m.EndDate >= Today && m.EndDate <= Today.AddDays(7)),
            await db.Memberships.CountAsync(m => m.EndDate >= Today && m.EndDate <= Today.AddDays(7)));
        Assert.Equal(
            Data.Bookings.SelectMany(b => b).Count(b => b.Status == BookingStatus.NoShow),
            await db.ClassBookings.CountAsync(b => b.Status == BookingStatus.NoShow));
        Assert.Equal(Data.Orders.SelectMany(o => o).Sum(o => o.Total), await db.Orders.SumAsync(o => o.Total));
    }

    [Fact]
    public void Payments_are_mostly_paid_with_a_few_failed_and_refunded_and_the_shop_sells()
    {
        var payments = Data.Payments.SelectMany(p => p).ToList();
        Assert.True(payments.Count(p => p.Status == PaymentStatus.Paid) > 0.9 * payments.Count);
        Assert.Contains(payments, p => p.Status == PaymentStatus.Failed);
        Assert.Contains(payments, p => p.Status == PaymentStatus.Refunded);
        var orders = Data.Orders.SelectMany(o => o).ToList();
        Assert.True(orders.Count > 500);
        Assert.All(orders, o => Assert.True(o.Total > 0 && !string.IsNullOrEmpty(o.Description)));
    }

    [Fact]
    public void Emails_are_unique_and_valid_some_opted_out_and_clients_have_phones_and_staff()
    {
        var emails = Data.Clients.Where(c => c.Email is not null).Select(c => c.Email!).ToList();
        Assert.True(emails.Count > 0.9 * Data.Clients.Count);
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(emails, e => Assert.True(EmailAddresses.IsValid(e) && e == EmailAddresses.Normalize(e), e));
        Assert.InRange(Data.Clients.Count(c => c.EmailOptOut), 10, 100);
        Assert.All(Data.Clients, c => Assert.False(string.IsNullOrWhiteSpace(c.Phone)));
        Assert.All(Data.Clients, c => Assert.Empty(InputValidation.Validate(ClientInput.From(c))));
        Assert.True(Data.Clients.Select(c => c.LastName).Distinct().Count() > 200);

        var demoUserIds = Data.Users.Where(u => DemoStaff.Accounts.Any(a => a.Email == u.Email)).Select(u => u.Id).ToHashSet();
        Assert.All(Data.Clients.Where(c => c.AssignedStaffId is not null), c => Assert.Contains(c.AssignedStaffId!, demoUserIds));
        Assert.InRange(Data.Clients.Count(c => c.AssignedStaffId is not null), 250, 450);
    }

    public static TheoryData<string> DemoEmails => new(DemoStaff.Accounts.Select(a => a.Email));

    [Theory]
    [MemberData(nameof(DemoEmails))]
    public async Task Each_demo_user_signs_in_with_its_password_and_has_its_role(string email)
    {
        var account = DemoStaff.Accounts.Single(a => a.Email == email);
        await using var scope = seeded.Gym.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.Equal(account.DisplayName, user.DisplayName);
        Assert.True(await users.CheckPasswordAsync(user, account.Password));
        Assert.Equal([account.Role], await users.GetRolesAsync(user));
    }

    [Fact]
    public void The_bootstrap_admin_is_reused_and_one_user_exists_per_role()
    {
        Assert.Equal(DemoStaff.Accounts.Select(a => a.Email).Order(), Data.Users.Select(u => u.Email!).Order());
        Assert.All(DemoStaff.Accounts, a => Assert.Matches(StrongPassword(), a.Password));
    }

    [Fact]
    public void The_root_settings_bootstrap_the_demo_admin()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        var bootstrap = settings.RootElement.GetProperty("Bootstrap");
        Assert.Equal(DemoStaff.AdminEmail, bootstrap.GetProperty("AdminEmail").GetString());
        Assert.Equal(DemoStaff.AdminPassword, bootstrap.GetProperty("AdminPassword").GetString());
        Assert.True(settings.RootElement.GetProperty("Demo").GetProperty("SeedOnFirstRun").GetBoolean());
    }

    /// <summary>Visits from <paramref name="fromDaysAgo"/> (inclusive) to <paramref name="toDaysAgo"/> days before now.</summary>
    private int VisitsBetween(Client client, int fromDaysAgo, int toDaysAgo) =>
        Data.Visits[client.Id].Count(v => v.VisitedAt >= Now.AddDays(-fromDaysAgo) && v.VisitedAt < Now.AddDays(-toDaysAgo));

    [GeneratedRegex("^demo-[0-9]{4}$")]
    private static partial Regex DemoExternalId();

    [GeneratedRegex("^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z]).{8,}$")]
    private static partial Regex StrongPassword();
}
