using System.Globalization;
using System.Net;
using CsvHelper;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Import;
using GymAutomation.Core.Retention;
using GymAutomation.Core.Scoring;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Api;
using GymAutomation.Tests.Import;
using GymAutomation.Tests.Support;
using GymAutomation.Tests.Workflows;
using GymAutomation.Web.Features.ClientLists;
using GymAutomation.Web.Features.Retention.Board;
using GymAutomation.Web.Features.Scoring;
using GymAutomation.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Exports;

/// <summary>A gym whose every text a person or another system typed starts like a spreadsheet formula.</summary>
public sealed class HostileExportApp : ApiApp, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var now = Services.GetRequiredService<GymClock>().UtcNow;
        await using var db = CreateDb();
        var data = await ReportData.AddAsync(db, now);
        await db.Clients.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ExternalId, c => "-X" + c.Id)
            .SetProperty(c => c.FirstName, "=1+2")
            .SetProperty(c => c.LastName, "-1+2")
            .SetProperty(c => c.Email, c => "=" + c.Id + "@example.com")
            .SetProperty(c => c.Phone, "+34 600 111 222")
            .SetProperty(c => c.Source, "@walk-in")
            .SetProperty(c => c.CreatedAt, new DateTime(2026, 3, 1, 18, 5, 0, DateTimeKind.Utc)));
        await db.EmailWorkflows.ExecuteUpdateAsync(s => s.SetProperty(w => w.Name, w => "=HYPERLINK(\"http://evil/" + w.Id + "\")"));
        await db.WorkflowSteps.ExecuteUpdateAsync(s => s.SetProperty(w => w.Name, "+step"));
        await db.EmailSends.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Subject, "-2+3")
            .SetProperty(e => e.ToAddress, "\rto@example.com")
            .SetProperty(e => e.Error, "\t@error")
            .SetProperty(e => e.MessageId, "=id"));
        db.LeadScores.AddRange(
            new LeadScore { ClientId = data.Ana, Score = 10, LastPoints = -5, LastReason = "=cmd|' /C calc'!A0", UpdatedAt = now },
            new LeadScore { ClientId = data.Bea, Score = 0, LastPoints = -15, LastReason = "-decay", UpdatedAt = now });
        db.RetentionAlerts.Add(new RetentionAlert
        {
            ClientId = data.Ana, Type = AlertType.NoAttendance, RuleName = "NoAttendance", RiskScore = 80, Status = AlertStatus.Open,
            Facts = new AlertFacts { Days = 14, LastVisitAt = now.AddDays(-17) }, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Every CSV the app writes opens safe in a spreadsheet: no cell starts with = + - @, tab or carriage return
/// unless it is a number the app wrote; a text that did gets a leading <c>'</c>, which the import strips again.
/// </summary>
public sealed class ExportSafetyTests(HostileExportApp app) : IClassFixture<HostileExportApp>
{
    private static readonly HashSet<string> NumberColumns = ["id", "client_id", "score", "last_points", "attempts", "risk_score"];

    public static TheoryData<string> Exports() => new()
    {
        ClientExport.Path,
        AlertExport.Path,
        LeadScoreExport.Path,
        SentEmailExport.Path,
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Every_export_with_hostile_values_in_every_text_column_starts_no_cell_with_a_formula_character(string path)
    {
        var admin = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        using var response = await admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (header, rows) = Read(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(rows);
        var neutralised = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < header.Length; i++)
            {
                if (NumberColumns.Contains(header[i]))
                {
                    Assert.Matches("^-?[0-9]+$", row[i]);
                    continue;
                }

                AssertSafe(header[i], row[i]);
                neutralised += row[i].StartsWith('\'') ? 1 : 0;
            }
        }

        Assert.True(neutralised >= rows.Count, $"{path}: only {neutralised} hostile cells in {rows.Count} rows");
    }

    [Fact]
    public async Task Negative_points_stay_numbers_and_hostile_reasons_become_text()
    {
        var admin = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        using var response = await admin.GetAsync(LeadScoreExport.Path);

        var (header, rows) = Read(await response.Content.ReadAsStringAsync());
        var points = Array.IndexOf(header, "last_points");
        var reason = Array.IndexOf(header, "last_reason");
        Assert.Equal(["-5", "-15"], rows.Select(r => r[points]).Order(StringComparer.Ordinal).Reverse());
        Assert.Contains(rows, r => r[reason] == "'=cmd|' /C calc'!A0");
        Assert.Contains(rows, r => r[reason] == "'-decay");
    }

    [Fact]
    public async Task The_clients_export_imports_back_unchanged_hostile_text_and_phones_included()
    {
        var admin = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        using var response = await admin.GetAsync(ClientExport.Path);
        var exported = await response.Content.ReadAsStringAsync();
        await using var db = app.CreateDb();
        var original = await db.Clients.OrderBy(c => c.ExternalId).Select(c => new { c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, c.Status, c.Source, c.EmailOptOut, c.CreatedAt }).ToListAsync();
        Assert.Contains(",'=1+2,'-1+2,", exported, StringComparison.Ordinal);
        Assert.Contains(",'+34 600 111 222,", exported, StringComparison.Ordinal);

        using var folder = new ImportFolder();
        folder.With("clients.csv", exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        await using var gym = await TestGym.StartAsync();
        var report = await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply);

        Assert.Empty(report.Rejections);
        await using var imported = gym.CreateDb();
        var back = await imported.Clients.OrderBy(c => c.ExternalId).Select(c => new { c.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone, c.Status, c.Source, c.EmailOptOut, c.CreatedAt }).ToListAsync();
        Assert.Equal(original, back);
    }

    [Fact]
    public async Task The_import_report_neutralises_a_hostile_cell()
    {
        var report = new ImportReport(ImportMode.Apply, ["=unreadable"], [], [new ImportRejection("-file.csv", 3, "@reason")], 1, TimeSpan.Zero);
        using var stream = new MemoryStream();

        await ImportReportCsv.WriteAsync(report, stream);

        var (header, rows) = Read(System.Text.Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF'));
        Assert.Equal(["file", "line", "outcome", "reason"], header);
        Assert.All(rows.SelectMany(r => r.Select((cell, i) => (header[i], cell))), c => AssertSafe(c.Item1, c.cell));
        Assert.Contains(rows, r => r[0] == "'-file.csv" && r[3] == "'@reason");
    }

    private static void AssertSafe(string column, string cell) =>
        Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), $"{column}: \"{cell}\" starts a formula");

    private static (string[] Header, List<string[]> Rows) Read(string csvText)
    {
        using var parser = new CsvParser(new StringReader(csvText), CultureInfo.InvariantCulture);
        var header = parser.Read() ? parser.Record! : [];
        var rows = new List<string[]>();
        while (parser.Read())
        {
            rows.Add(parser.Record!);
        }

        return (header, rows);
    }
}
