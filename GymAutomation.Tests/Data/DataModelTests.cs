using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Data;

/// <summary>The model on the real SQLite schema the migrations build: what goes in comes back, and the schema holds its promises.</summary>
// Reads the schema from sqlite_master and expects SQLite errors: about the SQLite file itself.
[Trait("Provider", "Sqlite")]
public sealed class DataModelTests : IAsyncLifetime
{
    private static readonly DateTime Morning = new(2026, 3, 10, 8, 15, 30, DateTimeKind.Utc);
    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    [Fact]
    public async Task A_client_with_every_field_comes_back_as_saved()
    {
        var staffId = await AddStaffUserAsync();
        int id;
        await using (var db = gym.CreateDb())
        {
            var client = new Client
            {
                ExternalId = "CRM-0001",
                FirstName = "Lucía",
                LastName = "Fernández",
                Email = "lucia@example.com",
                Phone = "+34 600 000 001",
                Status = ClientStatus.Active,
                Stage = PipelineStage.HotLead,
                Source = "referral",
                EmailOptOut = true,
                AssignedStaffId = staffId,
                CreatedAt = Morning,
                UpdatedAt = Morning.AddHours(2),
            };
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            id = client.Id;
        }

        await using var read = gym.CreateDb();
        var back = await read.Clients.Include(c => c.AssignedStaff).SingleAsync(c => c.Id == id);
        Assert.Equal(
            ("CRM-0001", "Lucía", "Fernández", "lucia@example.com", "+34 600 000 001", ClientStatus.Active, PipelineStage.HotLead, "referral", true),
            (back.ExternalId, back.FirstName, back.LastName, back.Email, back.Phone, back.Status, back.Stage, back.Source, back.EmailOptOut));
        Assert.Equal(staffId, back.AssignedStaff?.Id);
        Assert.Equal(Morning, back.CreatedAt);
        Assert.Equal(Morning.AddHours(2), back.UpdatedAt);
        Assert.Equal("Lucía Fernández", back.FullName);
    }

    [Fact]
    public async Task Enums_are_stored_as_their_names()
    {
        var clientId = await AddClientAsync();
        await using (var db = gym.CreateDb())
        {
            db.Memberships.Add(new Membership { ClientId = clientId, Plan = "Monthly", StartDate = new DateOnly(2026, 1, 1), Status = MembershipStatus.Cancelled });
            db.ClassBookings.Add(new ClassBooking { ClientId = clientId, ClassName = "Spinning", ClassAt = Morning, BookedAt = Morning, Status = BookingStatus.NoShow });
            db.Payments.Add(new Payment { ClientId = clientId, Amount = 39.90m, Status = PaymentStatus.Refunded, CreatedAt = Morning });
            await db.SaveChangesAsync();
        }

        Assert.Equal(["Inactive|Lost"], await ColumnAsync("SELECT Status || '|' || Stage AS Value FROM Clients"));
        Assert.Equal(["Cancelled"], await ColumnAsync("SELECT Status AS Value FROM Memberships"));
        Assert.Equal(["NoShow"], await ColumnAsync("SELECT Status AS Value FROM ClassBookings"));
        Assert.Equal(["Refunded"], await ColumnAsync("SELECT Status AS Value FROM Payments"));
    }

    [Fact]
    public async Task Date_times_come_back_as_utc_whatever_kind_they_were_saved_with()
    {
        var unspecified = DateTime.SpecifyKind(Morning, DateTimeKind.Unspecified);
        var clientId = await AddClientAsync(createdAt: unspecified);

        await using var db = gym.CreateDb();
        var client = await db.Clients.SingleAsync(c => c.Id == clientId);

        Assert.Equal(DateTimeKind.Utc, client.CreatedAt.Kind);
        Assert.Equal(Morning, client.CreatedAt);
    }

    [Fact]
    public async Task A_membership_is_open_ended_or_dated()
    {
        var clientId = await AddClientAsync();
        await using (var db = gym.CreateDb())
        {
            db.Memberships.AddRange(
                new Membership { ExternalId = "M-1", ClientId = clientId, Plan = "Unlimited", StartDate = new DateOnly(2025, 6, 1), Status = MembershipStatus.Active, Price = 49.95m, CreatedAt = Morning },
                new Membership { ExternalId = "M-2", ClientId = clientId, Plan = "Trial week", StartDate = new DateOnly(2026, 3, 2), EndDate = new DateOnly(2026, 3, 8), Status = MembershipStatus.Trial, CreatedAt = Morning });
            await db.SaveChangesAsync();
        }

        await using var read = gym.CreateDb();
        var open = await read.Memberships.SingleAsync(m => m.ExternalId == "M-1");
        var dated = await read.Memberships.SingleAsync(m => m.ExternalId == "M-2");
        Assert.Equal(("Unlimited", new DateOnly(2025, 6, 1), (DateOnly?)null, MembershipStatus.Active, (decimal?)49.95m), (open.Plan, open.StartDate, open.EndDate, open.Status, open.Price));
        Assert.Equal(("Trial week", new DateOnly(2026, 3, 2), (DateOnly?)new DateOnly(2026, 3, 8), MembershipStatus.Trial, (decimal?)null), (dated.Plan, dated.StartDate, dated.EndDate, dated.Status, dated.Price));
        Assert.True(open.IsCurrentOn(gym.Clock.Today));
        Assert.False(dated.IsCurrentOn(gym.Clock.Today));
        Assert.Equal(["M-2"], await read.Memberships.Where(m => m.EndDate < gym.Clock.Today).Select(m => m.ExternalId).ToListAsync());
    }

    [Fact]
    public async Task Visits_bookings_orders_and_payments_come_back_as_saved()
    {
        var clientId = await AddClientAsync();
        await using (var db = gym.CreateDb())
        {
            db.Visits.Add(new Visit { ClientId = clientId, VisitedAt = Morning });
            db.ClassBookings.Add(new ClassBooking { ExternalId = "B-1", ClientId = clientId, ClassName = "Yoga", ClassAt = Morning.AddDays(1), Status = BookingStatus.Booked, BookedAt = Morning });
            db.Orders.Add(new Order { ExternalId = "O-1", ClientId = clientId, Total = 12.50m, Description = "Protein shake ×2", CreatedAt = Morning });
            db.Payments.Add(new Payment { ExternalId = "P-1", ClientId = clientId, Amount = 49.95m, Status = PaymentStatus.Failed, CreatedAt = Morning });
            await db.SaveChangesAsync();
        }

        await using var read = gym.CreateDb();
        var client = await read.Clients
            .Include(c => c.Visits).Include(c => c.Bookings).Include(c => c.Orders).Include(c => c.Payments)
            .AsSplitQuery()
            .SingleAsync(c => c.Id == clientId);
        var visit = Assert.Single(client.Visits);
        var booking = Assert.Single(client.Bookings);
        var order = Assert.Single(client.Orders);
        var payment = Assert.Single(client.Payments);
        Assert.Equal((Morning, DateTimeKind.Utc), (visit.VisitedAt, visit.VisitedAt.Kind));
        Assert.Equal(("B-1", "Yoga", Morning.AddDays(1), BookingStatus.Booked, Morning), (booking.ExternalId, booking.ClassName, booking.ClassAt, booking.Status, booking.BookedAt));
        Assert.Equal(("O-1", 12.50m, "Protein shake ×2", Morning), (order.ExternalId, order.Total, order.Description, order.CreatedAt));
        Assert.Equal(("P-1", 49.95m, PaymentStatus.Failed, Morning), (payment.ExternalId, payment.Amount, payment.Status, payment.CreatedAt));
    }

    [Fact]
    public async Task Two_clients_cannot_share_an_external_id_but_many_may_have_none()
    {
        await AddClientAsync(externalId: "CRM-42");
        await AddClientAsync();
        await AddClientAsync();

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => AddClientAsync(externalId: "CRM-42"));

        Assert.Equal(19, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode); // SQLITE_CONSTRAINT
        await using var db = gym.CreateDb();
        Assert.Equal(3, await db.Clients.CountAsync());
    }

    [Fact]
    public async Task A_client_cannot_check_in_twice_at_the_same_instant()
    {
        var clientId = await AddClientAsync();
        await using var db = gym.CreateDb();
        db.Visits.AddRange(new Visit { ClientId = clientId, VisitedAt = Morning }, new Visit { ClientId = clientId, VisitedAt = Morning });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory]
    [InlineData("Clients", "ExternalId")]
    [InlineData("Memberships", "ExternalId")]
    [InlineData("ClassBookings", "ExternalId")]
    [InlineData("Orders", "ExternalId")]
    [InlineData("Payments", "ExternalId")]
    [InlineData("Visits", "ClientId\", \"VisitedAt")]
    public async Task Natural_keys_have_a_unique_index(string table, string columns) =>
        Assert.Contains(await IndexesAsync(table), sql => sql.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal) && sql.EndsWith($"(\"{columns}\")", StringComparison.Ordinal));

    [Theory]
    [InlineData("Visits", "VisitedAt")]
    [InlineData("ClassBookings", "ClassAt")]
    [InlineData("Orders", "CreatedAt")]
    [InlineData("Payments", "CreatedAt")]
    [InlineData("Memberships", "EndDate")]
    public async Task Scans_by_client_and_time_have_an_index(string table, string timeColumn) =>
        Assert.Contains(await IndexesAsync(table), sql => sql.Contains($"(\"ClientId\", \"{timeColumn}\"", StringComparison.Ordinal));

    // The retention scan's per-rule reads start from these rows: a partial index holds them alone, and SQLite uses it
    // only when the query repeats the index's condition as written.
    [Theory]
    [InlineData("Payments", "(\"CreatedAt\") WHERE \"Status\" = 'Failed'", "SELECT \"ClientId\" FROM \"Payments\" WHERE \"Status\" = 'Failed' AND \"CreatedAt\" >= '2026-01-01'")]
    [InlineData(
        "RetentionAlerts",
        "(\"Type\", \"RuleId\", \"RiskScore\", \"ClientId\") WHERE \"Status\" IN ('OPEN', 'IN_PROGRESS')",
        "SELECT \"ClientId\" FROM \"RetentionAlerts\" WHERE \"Type\" = 'PAYMENT_FAILED' AND \"Status\" IN ('OPEN', 'IN_PROGRESS')")]
    public async Task The_retention_scan_finds_failed_payments_and_a_types_open_alerts_by_a_partial_index(string table, string definition, string read)
    {
        var index = Assert.Single(await IndexesAsync(table), sql => sql.EndsWith(definition, StringComparison.Ordinal));
        await using var db = gym.CreateDb();
        await db.Database.OpenConnectionAsync();
        await using var plan = db.Database.GetDbConnection().CreateCommand();
        plan.CommandText = $"EXPLAIN QUERY PLAN {read}";
        var steps = new List<string>();
        await using (var reader = await plan.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }
        }

        Assert.Contains(steps, step => step.Contains($"INDEX {index.Split('"')[1]} ", StringComparison.Ordinal));
    }

    private async Task<List<string>> IndexesAsync(string table)
    {
        await using var db = gym.CreateDb();
        return await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name = {table} AND sql IS NOT NULL").ToListAsync();
    }

    private async Task<List<string>> ColumnAsync(string sql)
    {
        await using var db = gym.CreateDb();
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }

    private async Task<string> AddStaffUserAsync()
    {
        await using var db = gym.CreateDb();
        var user = new StaffUser { UserName = "coach@test.gym", Email = "coach@test.gym", DisplayName = "Coach", CreatedAt = Morning };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    private async Task<int> AddClientAsync(string? externalId = null, DateTime? createdAt = null)
    {
        await using var db = gym.CreateDb();
        var client = new Client
        {
            ExternalId = externalId,
            FirstName = "Test",
            Status = ClientStatus.Inactive,
            Stage = PipelineStage.Lost,
            CreatedAt = createdAt ?? Morning,
            UpdatedAt = createdAt ?? Morning,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return client.Id;
    }
}
