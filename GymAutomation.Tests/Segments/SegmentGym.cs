using GymAutomation.Core.Clients;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Segments;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Segments;

/// <summary>
/// A gym of four known clients at <see cref="TestGym.DefaultNow"/> (Tuesday 10 March 2026, 10:00 in Madrid):
/// Ana, a new lead from the web scored 60 who visited yesterday; Bea, a Gold member ending in 5 days, opted out of
/// email, busy (3 visits, 2 classes, a payment) and in the welcome workflow now; Carl, lost, without email, his
/// membership expired, last seen 60 days ago; Dana, on an open-ended trial, who clicked an email 3 days ago and
/// finished the welcome workflow.
/// </summary>
internal sealed class SegmentGym : IAsyncDisposable
{
    private SegmentGym(TestGym gym) => Gym = gym;

    public TestGym Gym { get; }

    public int WorkflowId { get; private set; }

    public Dictionary<string, int> Ids { get; } = [];

    public static Task<SegmentGym> StartAsync() => SeedAsync(TestGym.StartAsync());

    /// <summary>The four clients on a gym started elsewhere (a component host's); disposing the gym stays with its owner.</summary>
    public static async Task<SegmentGym> SeedAsync(Task<TestGym> started)
    {
        var gym = new SegmentGym(await started);
        await gym.SeedAsync();
        return gym;
    }

    public async Task<IReadOnlyList<string>> NamesAsync(SegmentDefinition definition)
    {
        var preview = await Gym.Get<SegmentAudience>().PreviewAsync(definition);
        Assert.Equal(preview.Count, preview.Sample.Count);
        return [.. preview.Sample.Select(c => c.FirstName).Order()];
    }

    public static SegmentDefinition Of(params SegmentCondition[] conditions) =>
        new() { Groups = [new ConditionGroup { Conditions = [.. conditions] }] };

    public async Task<int> ClientAsync(string name, DateTime createdAt, Action<Client>? set = null)
    {
        await using var db = Gym.CreateDb();
        var client = new Client
        {
            FirstName = name,
            LastName = "Known",
            Email = $"{name.ToLowerInvariant()}@example.com",
            Status = ClientStatus.Active,
            Stage = PipelineStage.Member,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        set?.Invoke(client);
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        Ids[name] = client.Id;
        return client.Id;
    }

    public async Task VisitAsync(int clientId, DateTime at)
    {
        await using var db = Gym.CreateDb();
        db.Visits.Add(new Visit { ClientId = clientId, VisitedAt = at });
        await db.SaveChangesAsync();
    }

    private async Task SeedAsync()
    {
        var now = Gym.Clock.UtcNow;
        var today = Gym.Clock.Today;
        var ana = await ClientAsync("Ana", now.AddHours(-1), c => (c.Status, c.Stage, c.Source) = (ClientStatus.Lead, PipelineStage.New, "Web"));
        var bea = await ClientAsync("Bea", now.AddDays(-200), c => (c.Source, c.EmailOptOut) = ("Referral", true));
        var carl = await ClientAsync("Carl", now.AddDays(-300), c => (c.Status, c.Stage, c.Email) = (ClientStatus.Inactive, PipelineStage.Lost, null));
        var dana = await ClientAsync("Dana", now.AddDays(-20), c => (c.Stage, c.Source) = (PipelineStage.Trial, "Walk-in"));

        await using var db = Gym.CreateDb();
        db.LeadScores.AddRange(new LeadScore { ClientId = ana, Score = 60, UpdatedAt = now }, new LeadScore { ClientId = dana, Score = 10, UpdatedAt = now });
        db.Visits.AddRange(
            new Visit { ClientId = ana, VisitedAt = now.AddDays(-1) },
            new Visit { ClientId = bea, VisitedAt = now.AddDays(-1) },
            new Visit { ClientId = bea, VisitedAt = now.AddDays(-3) },
            new Visit { ClientId = bea, VisitedAt = now.AddDays(-9) },
            new Visit { ClientId = carl, VisitedAt = now.AddDays(-60) },
            new Visit { ClientId = dana, VisitedAt = now.AddDays(-6) });
        db.Memberships.AddRange(
            new Membership { ClientId = bea, Plan = "Gold", Status = MembershipStatus.Active, StartDate = today.AddDays(-100), EndDate = today.AddDays(5), CreatedAt = now },
            new Membership { ClientId = carl, Plan = "Basic", Status = MembershipStatus.Expired, StartDate = today.AddDays(-400), EndDate = today.AddDays(-60), CreatedAt = now },
            new Membership { ClientId = dana, Plan = "Trial", Status = MembershipStatus.Trial, StartDate = today.AddDays(-10), CreatedAt = now });
        db.ClassBookings.AddRange(
            new ClassBooking { ClientId = bea, ClassName = "Yoga", ClassAt = now.AddDays(-2), Status = BookingStatus.Attended, BookedAt = now.AddDays(-3) },
            new ClassBooking { ClientId = bea, ClassName = "Yoga", ClassAt = now.AddDays(-4), Status = BookingStatus.Booked, BookedAt = now.AddDays(-5) },
            new ClassBooking { ClientId = bea, ClassName = "Spin", ClassAt = now.AddDays(-5), Status = BookingStatus.Cancelled, BookedAt = now.AddDays(-6) });
        db.Payments.AddRange(
            new Payment { ClientId = bea, Amount = 40, Status = PaymentStatus.Paid, CreatedAt = now.AddDays(-10) },
            new Payment { ClientId = bea, Amount = 40, Status = PaymentStatus.Failed, CreatedAt = now.AddDays(-3) });
        var workflow = new EmailWorkflow { Name = "Welcome", TriggerEvent = "LEAD_CREATED", CreatedAt = now, UpdatedAt = now };
        var step = new WorkflowStep { Workflow = workflow, Name = "Hello", Subject = "Hello", Body = "Hello", Position = 1 };
        var active = new WorkflowEnrolment { Workflow = workflow, ClientId = bea, EnrolledAt = now.AddDays(-3) };
        var done = new WorkflowEnrolment { Workflow = workflow, ClientId = dana, EnrolledAt = now.AddDays(-9), Status = EnrolmentStatus.Completed, EndedAt = now.AddDays(-2) };
        db.AddRange(workflow, step, active, done);
        await db.SaveChangesAsync();
        WorkflowId = workflow.Id;
        db.EmailSends.AddRange(
            Send(active, step, bea, now.AddDays(-3), opened: now.AddDays(-2), clicked: null),
            Send(done, step, dana, now.AddDays(-4), opened: now.AddDays(-3), clicked: now.AddDays(-3)));
        await db.SaveChangesAsync();
    }

    private static EmailSend Send(WorkflowEnrolment enrolment, WorkflowStep step, int clientId, DateTime at, DateTime? opened, DateTime? clicked) => new()
    {
        Enrolment = enrolment,
        Step = step,
        WorkflowId = enrolment.WorkflowId,
        ClientId = clientId,
        Status = EmailSendStatus.Sent,
        ClaimedAt = at,
        SentAt = at,
        ToAddress = "client@example.com",
        Subject = "Hello",
        HtmlBody = "<p>Hello</p>",
        TextBody = "Hello",
        OpenedAt = opened,
        ClickedAt = clicked,
    };

    public ValueTask DisposeAsync() => Gym.DisposeAsync();
}
