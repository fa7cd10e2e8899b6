using System.Text.Json;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Data;
using GymAutomation.Core.Email;
using GymAutomation.Core.Events;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Timeline;

/// <summary>
/// Everything about one client in one stream, newest first: what they did at the desk, what they paid, the emails they
/// got and opened, how their score moved, the workflows they went through and what staff did about their alerts.
/// One query per source, each limited to a page of rows older than the cursor, merged here.
/// </summary>
public sealed class ClientTimeline(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    public const int DefaultPageSize = 50;

    /// <summary>
    /// The <paramref name="take"/> entries of <paramref name="kinds"/> (all when null or empty) that come after
    /// <paramref name="before"/> (from the newest when null).
    /// </summary>
    public async Task<TimelinePage> PageAsync(
        int clientId,
        IReadOnlyCollection<TimelineKind>? kinds = null,
        TimelineCursor? before = null,
        int take = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        bool Wants(TimelineKind kind) => kinds is null || kinds.Count == 0 || kinds.Contains(kind);

        // One more than a page from each source: when the merge holds more than a page, there is a next page.
        var fetch = take + 1;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = new List<TimelineEntry>();

        async Task AddAsync(TimelineKind kind, TimelineSource source, IQueryable<Row> rows, TimelineLink link = TimelineLink.None)
        {
            if (Wants(kind))
            {
                var page = await Older(rows, source, before)
                    .OrderByDescending(r => r.At)
                    .ThenByDescending(r => r.Id)
                    .Take(fetch)
                    .ToListAsync(cancellationToken);
                entries.AddRange(page.Select(r => r.ToEntry(kind, source, link)));
            }
        }

        await AddAsync(TimelineKind.Visit, TimelineSource.Visit, db.Visits.Where(v => v.ClientId == clientId)
            .Select(v => new Row { At = v.VisitedAt, Id = v.Id }));
        await AddAsync(TimelineKind.Booking, TimelineSource.Booking, db.ClassBookings.Where(b => b.ClientId == clientId)
            .Select(b => new Row { At = b.BookedAt, Id = b.Id, Name = b.ClassName, ClassAt = b.ClassAt, BookingStatus = b.Status }));
        await AddAsync(TimelineKind.Booking, TimelineSource.ClassTaken, db.ClassBookings
            .Where(b => b.ClientId == clientId && (b.Status == BookingStatus.Attended || b.Status == BookingStatus.NoShow))
            .Select(b => new Row { At = b.ClassAt, Id = b.Id, Name = b.ClassName, ClassAt = b.ClassAt, BookingStatus = b.Status }));
        await AddAsync(TimelineKind.Order, TimelineSource.Order, db.Orders.Where(o => o.ClientId == clientId)
            .Select(o => new Row { At = o.CreatedAt, Id = o.Id, Name = o.Description, Amount = o.Total }));
        await AddAsync(TimelineKind.Payment, TimelineSource.Payment, db.Payments.Where(p => p.ClientId == clientId)
            .Select(p => new Row { At = p.CreatedAt, Id = p.Id, Amount = p.Amount, PaymentStatus = p.Status }));
        await AddAsync(TimelineKind.Email, TimelineSource.EmailSent, db.EmailSends.Where(s => s.ClientId == clientId)
            .Select(s => new Row { At = s.SentAt ?? s.ClaimedAt, Id = s.Id, Name = s.Subject, Text = s.Error, EmailStatus = s.Status, EmailFailure = s.Failure, LinkId = s.Id }), TimelineLink.Email);
        await AddAsync(TimelineKind.Score, TimelineSource.Score, db.ScoreEntries.Where(e => e.ClientId == clientId)
            .Select(e => new Row { At = e.At, Id = e.Id, Name = e.Reason, Text = e.EventType, Points = e.Points, Score = e.ScoreAfter }));
        await AddAsync(TimelineKind.Workflow, TimelineSource.Enrolled, db.WorkflowEnrolments.Where(e => e.ClientId == clientId)
            .Select(e => new Row { At = e.EnrolledAt, Id = e.Id, Name = e.Workflow.Name }));
        await AddAsync(TimelineKind.Workflow, TimelineSource.EnrolmentEnded, db.WorkflowEnrolments.Where(e => e.ClientId == clientId && e.EndedAt != null)
            .Select(e => new Row { At = e.EndedAt ?? e.EnrolledAt, Id = e.Id, Name = e.Workflow.Name, Text = e.EndReason, EnrolmentStatus = e.Status, Ending = e.Ending }));
        await AddAsync(TimelineKind.Workflow, TimelineSource.GoalReached, db.WorkflowEnrolments.Where(e => e.ClientId == clientId && e.GoalReachedAt != null)
            .Select(e => new Row { At = e.GoalReachedAt ?? e.EnrolledAt, Id = e.Id, Name = e.Workflow.Name }));
        await AddAsync(TimelineKind.Alert, TimelineSource.AlertOpened, db.RetentionAlerts.Where(a => a.ClientId == clientId)
            .Select(a => new Row { At = a.CreatedAt, Id = a.Id, Name = a.RuleName, AlertType = a.Type, LinkId = a.Id }), TimelineLink.Alert);

        // The alert's own row says when it opened; an "opened" line in its history would say it twice.
        await AddAsync(TimelineKind.Alert, TimelineSource.AlertActivity, db.AlertActivity.Where(a => a.Alert!.ClientId == clientId && a.Kind != AlertActivityKind.Opened)
            .Select(a => new Row
            {
                At = a.At,
                Id = a.Id,
                Name = a.Alert!.RuleName,
                AlertType = a.Alert.Type,
                AlertActivity = a.Kind,
                Text = a.Text,
                StaffName = a.StaffName,
                Points = a.FromRisk,
                Score = a.ToRisk,
                Outcome = a.Outcome,
                LinkId = a.AlertId,
            }), TimelineLink.Alert);

        if (Wants(TimelineKind.Email))
        {
            entries.AddRange(await EngagementAsync(db, clientId, before, fetch, cancellationToken));
        }

        if (Wants(TimelineKind.Membership))
        {
            entries.AddRange(await MembershipsAsync(db, clientId, before, cancellationToken));
        }

        entries.Sort((a, b) => TimelineCursor.NewestFirst(a.Position, b.Position));
        return entries.Count > take
            ? new TimelinePage(entries.Take(take).ToList(), entries[take - 1].Position)
            : new TimelinePage(entries, null);
    }

    /// <summary>The rows a source has after the cursor in the timeline's order (time, source, id; newest first).</summary>
    private static IQueryable<Row> Older(IQueryable<Row> rows, TimelineSource source, TimelineCursor? before)
    {
        if (before is null)
        {
            return rows;
        }

        var at = before.At;
        var id = before.Id;
        if (source < before.Source)
        {
            return rows.Where(r => r.At <= at);
        }

        return source == before.Source
            ? rows.Where(r => r.At < at || (r.At == at && r.Id < id))
            : rows.Where(r => r.At < at);
    }

    /// <summary>EMAIL_OPENED and EMAIL_CLICKED events, with the subject of the email they were about.</summary>
    private static async Task<IEnumerable<TimelineEntry>> EngagementAsync(GymDbContext db, int clientId, TimelineCursor? before, int fetch, CancellationToken cancellationToken)
    {
        var rows = await Older(
                db.ClientEvents
                    .Where(e => e.ClientId == clientId && (e.Type == ClientEventTypes.EmailOpened || e.Type == ClientEventTypes.EmailClicked))
                    .Select(e => new Row { At = e.OccurredAt, Id = e.Id, Text = e.Data, Clicked = e.Type == ClientEventTypes.EmailClicked }),
                TimelineSource.EmailEngaged,
                before)
            .OrderByDescending(r => r.At)
            .ThenByDescending(r => r.Id)
            .Take(fetch)
            .ToListAsync(cancellationToken);
        var sendIds = rows.Select(r => SendId(r.Text)).OfType<long>().Distinct().ToList();
        var subjects = sendIds.Count == 0
            ? []
            : await db.EmailSends.Where(s => sendIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Subject, cancellationToken);
        return rows.Select(r =>
        {
            var sendId = SendId(r.Text);
            return new TimelineEntry
            {
                Kind = TimelineKind.Email,
                Source = TimelineSource.EmailEngaged,
                At = r.At,
                Id = r.Id,
                Clicked = r.Clicked,
                Name = sendId is { } id ? subjects.GetValueOrDefault(id) : null,
                Link = sendId is null ? TimelineLink.None : TimelineLink.Email,
                LinkId = sendId,
            };
        });
    }

    private static long? SendId(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("sendId", out var id)
                && id.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A membership starts when it is recorded and ends at the start of the gym day after its end date, once that is
    /// past. Those times are worked out here, not in SQL, so the client's memberships are read whole — a handful.
    /// </summary>
    private async Task<IEnumerable<TimelineEntry>> MembershipsAsync(GymDbContext db, int clientId, TimelineCursor? before, CancellationToken cancellationToken)
    {
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.ClientId == clientId).ToListAsync(cancellationToken);
        var now = clock.UtcNow;
        var started = memberships.Select(m => new TimelineEntry
        {
            Kind = TimelineKind.Membership,
            Source = TimelineSource.MembershipStarted,
            At = m.CreatedAt,
            Id = m.Id,
            Name = m.Plan,
            Day = m.StartDate,
            Amount = m.Price,
            MembershipStatus = m.Status,
        });
        var ended = memberships
            .Where(m => m.EndDate is not null && clock.StartOfDayUtc(m.EndDate.Value.AddDays(1)) <= now)
            .Select(m => new TimelineEntry
            {
                Kind = TimelineKind.Membership,
                Source = TimelineSource.MembershipEnded,
                At = clock.StartOfDayUtc(m.EndDate!.Value.AddDays(1)),
                Id = m.Id,
                Name = m.Plan,
                Day = m.EndDate,
            });
        return started.Concat(ended).Where(e => before is null || TimelineCursor.NewestFirst(e.Position, before) > 0);
    }

    /// <summary>A source's row, projected in SQL; only the columns its source uses are set.</summary>
    private sealed class Row
    {
        public DateTime At { get; init; }

        public long Id { get; init; }

        public string? Name { get; init; }

        public string? Text { get; init; }

        public string? StaffName { get; init; }

        public decimal? Amount { get; init; }

        public int? Points { get; init; }

        public int? Score { get; init; }

        public DateTime? ClassAt { get; init; }

        public bool Clicked { get; init; }

        public BookingStatus? BookingStatus { get; init; }

        public PaymentStatus? PaymentStatus { get; init; }

        public EmailSendStatus? EmailStatus { get; init; }

        public EmailFailure? EmailFailure { get; init; }

        public EnrolmentStatus? EnrolmentStatus { get; init; }

        public EnrolmentEnding? Ending { get; init; }

        public AlertActivityKind? AlertActivity { get; init; }

        public AlertType? AlertType { get; init; }

        public AlertOutcome? Outcome { get; init; }

        public long? LinkId { get; init; }

        public TimelineEntry ToEntry(TimelineKind kind, TimelineSource source, TimelineLink link) => new()
        {
            Kind = kind,
            Source = source,
            At = At,
            Id = Id,
            Name = Name,
            Text = Text,
            StaffName = StaffName,
            Amount = Amount,
            Points = Points,
            Score = Score,
            ClassAt = ClassAt,
            Clicked = Clicked,
            BookingStatus = BookingStatus,
            PaymentStatus = PaymentStatus,
            EmailStatus = EmailStatus,
            EmailFailure = EmailFailure,
            EnrolmentStatus = EnrolmentStatus,
            Ending = Ending,
            AlertActivity = AlertActivity,
            AlertType = AlertType,
            Outcome = Outcome,
            Link = link,
            LinkId = LinkId,
        };
    }
}
