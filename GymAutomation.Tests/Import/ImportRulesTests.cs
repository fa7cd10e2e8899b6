using System.Globalization;
using System.Text;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Import;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Import;

/// <summary>
/// The format's rules for what a file holds (docs/import-format.md): every line accounted for, UTF-8 text only, no
/// control characters, states spelled as written, and times that can be true.
/// </summary>
public sealed class ImportRulesTests : IAsyncLifetime, IDisposable
{
    private const string ClientsHeader = "external_id,first_name,last_name,email,phone,status,created_at,source,email_opt_out";

    private readonly ImportFolder folder = new();
    private TestGym gym = null!;

    public async Task InitializeAsync() => gym = await TestGym.StartAsync();

    public async Task DisposeAsync() => await gym.DisposeAsync();

    public void Dispose() => folder.Dispose();

    private Task<ImportReport> ImportAsync() => gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply);

    private static string Client(int n, string first = "Name") => $"C{n},{first},Surname,,,ACTIVE,2025-01-10T09:00:00Z,,";

    private void WriteBytes(string file, byte[] bytes) => File.WriteAllBytes(Path.Combine(folder.Path, file), bytes);

    private static Dictionary<long, string> Rejected(ImportReport report, string file) =>
        report.Rejections.Where(r => r.File == file).ToDictionary(r => r.Line, r => r.Reason);

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task An_unclosed_quote_rejects_every_row_it_takes_in_each_on_its_own_line_and_the_report_counts_every_row(string newLine)
    {
        var rows = Enumerable.Range(1, 200).Select(n => Client(n)).ToArray();
        rows[49] = "C50,\"Ana,Surname,,,ACTIVE,2025-01-10T09:00:00Z,,";
        File.WriteAllText(Path.Combine(folder.Path, "clients.csv"), string.Join(newLine, [ClientsHeader, .. rows]) + newLine);
        folder.With("visits.csv", ["client_external_id,visited_at", .. Enumerable.Range(1, 200).Select(n => $"C{n},2026-02-01T08:00:00Z")]);

        var report = await ImportAsync();

        var clients = report.Files.Single(f => f.File == "clients.csv");
        Assert.Equal(200, clients.Rows);
        Assert.Equal((49L, 151L), (clients.Accepted, clients.Rejected));
        var rejected = Rejected(report, "clients.csv");
        Assert.Equal(Enumerable.Range(51, 151).Select(l => (long)l), rejected.Keys.Order());
        Assert.StartsWith("The row's quotes are broken: its quoted value is not closed on this line and runs on to line 201", rejected[51]);
        Assert.All(Enumerable.Range(52, 150), l => Assert.Equal("Taken into the quoted value of the row on line 51: rejected with it.", rejected[l]));
        Assert.Equal(49, report.Files.Single(f => f.File == "visits.csv").Accepted);
        await using var db = gym.CreateDb();
        Assert.Equal(49, await db.Clients.CountAsync());
    }

    [Fact]
    public async Task A_quote_left_open_until_a_later_quoted_value_rejects_the_lines_up_to_it_and_the_rows_after_import()
    {
        var rows = Enumerable.Range(1, 20).Select(n => Client(n)).ToArray();
        rows[4] = "C5,\"Eva,Surname,,,ACTIVE,2025-01-10T09:00:00Z,,";
        rows[9] = "C10,\"Jon, Jr.\",Surname,,,ACTIVE,2025-01-10T09:00:00Z,,";
        folder.With("clients.csv", [ClientsHeader, .. rows]);

        var report = await ImportAsync();

        Assert.Equal((20L, 14L, 6L), (report.Files[0].Rows, report.Files[0].Accepted, report.Files[0].Rejected));
        var rejected = Rejected(report, "clients.csv");
        Assert.Equal([6L, 7, 8, 9, 10, 11], rejected.Keys.Order());
        Assert.Contains("runs on to line 11", rejected[6]);
        Assert.Contains("row on line 6", rejected[11]);
    }

    [Fact]
    public async Task A_quote_left_open_on_the_last_line_rejects_that_row_alone_on_its_line()
    {
        folder.With("clients.csv", ClientsHeader, Client(1), "C2,\"Ben,Surname,,,ACTIVE,2025-01-10T09:00:00Z,,");

        var report = await ImportAsync();

        Assert.Equal((2L, 1L), (report.Files[0].Rows, report.Files[0].Accepted));
        Assert.Equal(new ImportRejection("clients.csv", 3, "The row's quotes are broken: a quote inside a quoted value must be doubled (\"\")."), Assert.Single(report.Rejections));
    }

    [Fact]
    public async Task Rejections_name_the_line_a_row_starts_on_past_blank_lines_and_a_value_that_spans_lines()
    {
        File.WriteAllText(Path.Combine(folder.Path, "clients.csv"),
            $"\n{ClientsHeader}\r\n\r\n{Client(1)}\n\n\n{Client(2)},\"a note\nover\n\nlines\"\n   \nC3,Carla,,,,MEMBER,2025-01-10T09:00:00Z,,\n");

        var report = await ImportAsync();

        Assert.Equal((3L, 2L), (report.Files[0].Rows, report.Files[0].Accepted));
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(12, rejection.Line);
        Assert.Contains("\"MEMBER\" is not one of", rejection.Reason);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_whole_naming_it_and_its_first_bad_line_and_nothing_is_written()
    {
        folder.With("clients.csv", ClientsHeader, Client(1), Client(2));
        var latin1 = Encoding.Latin1.GetBytes(string.Join("\n", "client_external_id,visited_at", "C1,2026-02-01T08:00:00Z", "C2,2026-02-02T08:00:00Z", "C1,2026-02-03T08:00:00Z # Mª José", "C2,2026-02-04T08:00:00Z") + "\n");
        WriteBytes("visits.csv", latin1);
        var before = await DatabaseSnapshot.TakeAsync(gym.ConnectionString);

        var report = await ImportAsync();

        Assert.False(report.CouldRead);
        Assert.Equal(["visits.csv is not UTF-8 text: line 4 holds bytes that are not UTF-8 (was it saved as Latin-1 or Windows-1252?). Save it as UTF-8 and import again: nothing was imported."], report.Problems);
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(gym.ConnectionString));
    }

    [Fact]
    public async Task A_bad_byte_past_the_first_mebibyte_is_found_on_its_line_and_a_character_cut_by_the_chunk_edge_is_not_bad()
    {
        // The check reads 1 MiB at a time: put a two-byte "é" across the edge, and a Latin-1 "é" further down.
        var text = new StringBuilder(ClientsHeader + "\n");
        var line = 1;
        while (text.Length < (1 << 20) - 200)
        {
            text.Append(Client(++line)).Append('\n');
        }

        // All ASCII so far: one byte a character.
        var prefix = $"C{++line},";
        var padding = (1 << 20) - 1 - text.Length - prefix.Length;
        text.Append(prefix).Append(new string('x', padding)).Append("é,,,,ACTIVE,2025-01-10T09:00:00Z,,\n");
        Assert.Equal(0xC3, Encoding.UTF8.GetBytes(text.ToString())[(1 << 20) - 1]);
        var good = Encoding.UTF8.GetBytes(text.ToString());
        WriteBytes("clients.csv", good);

        var fine = await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.DryRun);

        Assert.True(fine.CouldRead);
        Assert.Equal(line - 1, fine.Files[0].Rows);
        WriteBytes("clients.csv", [.. good, .. Encoding.UTF8.GetBytes(Client(++line) + "\n"), .. Encoding.Latin1.GetBytes($"C{++line},José,,,,ACTIVE,2025-01-10T09:00:00Z,,\n")]);
        var refused = await ImportAsync();
        Assert.Contains($"line {line} holds bytes that are not UTF-8", Assert.Single(refused.Problems));
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_fine_and_a_utf16_file_marked_so_is_read()
    {
        File.WriteAllText(Path.Combine(folder.Path, "clients.csv"), string.Join("\n", ClientsHeader, Client(1, "José")) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(Path.Combine(folder.Path, "visits.csv"), "client_external_id,visited_at\r\nC1,2026-02-01T08:00:00Z\r\n", Encoding.Unicode);

        var report = await ImportAsync();

        Assert.Empty(report.Rejections);
        Assert.Equal([1L, 0, 1, 0, 0, 0, 0], report.Files.Select(f => f.New));
        await using var db = gym.CreateDb();
        Assert.Equal("José", (await db.Clients.SingleAsync()).FirstName);
    }

    [Fact]
    public async Task Control_characters_and_the_replacement_character_are_refused_in_any_value_the_import_reads()
    {
        folder
            .With("clients.csv", ["external_id,first_name,last_name,email,phone,status,created_at,notes",
                "C1,An\0a,,,,ACTIVE,2025-01-10T09:00:00Z,",
                "C2,\"Ben\tBo\",,,,ACTIVE,2025-01-10T09:00:00Z,",
                "C3,Carla,\"Ruiz\nLópez\",,,ACTIVE,2025-01-10T09:00:00Z,",
                "C4,Garc\uFFFDa,,,,ACTIVE,2025-01-10T09:00:00Z,",
                "C5,Dani,,,6\u00850,ACTIVE,2025-01-10T09:00:00Z,",
                "C6,Eva,,,,ACTIVE,2025-01-10T09:00:00Z,\"a note\r\nover two lines\"",
                "C7,\tFe ,,,,ACTIVE,2025-01-10T09:00:00Z,"]);

        var report = await ImportAsync();

        var rejected = Rejected(report, "clients.csv");
        Assert.Equal([2L, 3, 4, 6, 7], rejected.Keys.Order());
        Assert.Equal("first_name holds the character U+0000, which no value may hold: a control character (NUL, tab, line break…) or U+FFFD, the mark of a wrong conversion.", rejected[2]);
        Assert.StartsWith("first_name holds the character U+0009", rejected[3]);
        Assert.StartsWith("last_name holds the character U+000A", rejected[4]);
        Assert.StartsWith("first_name holds the character U+FFFD", rejected[6]);
        Assert.StartsWith("phone holds the character U+0085", rejected[7]);
        await using var db = gym.CreateDb();
        Assert.Equal([("C6", "Eva"), ("C7", "Fe")], (await db.Clients.OrderBy(c => c.ExternalId).ToListAsync()).Select(c => (c.ExternalId!, c.FirstName)));
    }

    [Fact]
    public async Task A_phone_is_checked_by_the_rule_of_the_desk_and_the_api_and_a_bad_one_rejects_its_row_alone()
    {
        folder.With("clients.csv", [ClientsHeader,
            "C1,Ana,,,+34 600 111 222,ACTIVE,2025-01-10T09:00:00Z,,",
            "C2,Ben,,,call me,ACTIVE,2025-01-10T09:00:00Z,,",
            "C3,Carla,,,=1+2,ACTIVE,2025-01-10T09:00:00Z,,",
            "C4,Dani,,,(91) 555-12.34,ACTIVE,2025-01-10T09:00:00Z,,",
            "C5,Eva,,,123,ACTIVE,2025-01-10T09:00:00Z,,"]);

        var report = await ImportAsync();

        var rejected = Rejected(report, "clients.csv");
        Assert.Equal([3L, 4, 6], rejected.Keys.Order());
        Assert.Equal("phone: \"call me\" is not a valid phone number: an optional + then 6 to 40 digits, spaces, brackets, dashes or dots.", rejected[3]);
        Assert.StartsWith("phone: \"=1+2\" is not a valid phone number", rejected[4], StringComparison.Ordinal);
        Assert.All(ApiPhonesOf(["call me", "=1+2", "123"]), valid => Assert.False(valid));
        Assert.All(ApiPhonesOf(["+34 600 111 222", "(91) 555-12.34"]), valid => Assert.True(valid));
        await using var db = gym.CreateDb();
        Assert.Equal([("C1", "+34 600 111 222"), ("C4", "(91) 555-12.34")], (await db.Clients.OrderBy(c => c.ExternalId).ToListAsync()).Select(c => (c.ExternalId!, c.Phone!)));
    }

    [Fact]
    public async Task The_quote_an_export_puts_before_a_formula_character_is_stripped_and_any_other_quote_is_kept()
    {
        folder.With("clients.csv", [ClientsHeader,
            "'-C1,'=1+2,'-Smith,,'+34 600 111 222,ACTIVE,2025-01-10T09:00:00Z,'@web,",
            "C2,'twas,O'Hara,,,ACTIVE,2025-01-10T09:00:00Z,''=x,"]);

        var report = await ImportAsync();

        Assert.Empty(report.Rejections);
        await using var db = gym.CreateDb();
        var clients = await db.Clients.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(("-C1", "=1+2", "-Smith", "+34 600 111 222", "@web"), (clients[0].ExternalId, clients[0].FirstName, clients[0].LastName, clients[0].Phone, clients[0].Source));
        Assert.Equal(("'twas", "O'Hara", "''=x"), (clients[1].FirstName, clients[1].LastName, clients[1].Source));
    }

    /// <summary>What the API's phone rule (the one of the desk's and the website form's inputs) says of each phone.</summary>
    private static IEnumerable<bool> ApiPhonesOf(string[] phones) =>
        phones.Select(p => Core.Common.InputValidation.Validate(new ClientInput { FirstName = "X", Phone = p }).Count == 0);

    [Fact]
    public async Task States_are_spelled_exactly_as_the_format_writes_them_and_the_reason_lists_the_spellings()
    {
        folder
            .With("clients.csv", ClientsHeader, "C1,Ana,,,,active,2025-01-10T09:00:00Z,,", "C2,Ben,,,,ACTIVE,2025-01-10T09:00:00Z,,")
            .With("bookings.csv", "external_id,client_external_id,class_name,class_at,status,booked_at",
                "B1,C2,Spinning,2026-02-05T19:00:00Z,NoShow,2026-02-04T10:00:00Z",
                "B2,C2,Spinning,2026-02-05T19:00:00Z,No_Show,2026-02-04T10:00:00Z",
                "B3,C2,Spinning,2026-02-05T19:00:00Z,NO_SHOW,2026-02-04T10:00:00Z")
            .With("payments.csv", "external_id,client_external_id,amount,status,created_at", "P1,C2,10,Paid,2026-01-01T09:00:00Z");

        var report = await ImportAsync();

        Assert.Equal("status: \"active\" is not one of LEAD, ACTIVE, INACTIVE.", Rejected(report, "clients.csv")[2]);
        Assert.Equal([2L, 3], Rejected(report, "bookings.csv").Keys.Order());
        Assert.Equal("status: \"No_Show\" is not one of BOOKED, ATTENDED, CANCELLED, NO_SHOW.", Rejected(report, "bookings.csv")[3]);
        Assert.Equal("status: \"Paid\" is not one of PAID, FAILED, REFUNDED.", Rejected(report, "payments.csv")[2]);
        await using var db = gym.CreateDb();
        Assert.Equal(BookingStatus.NoShow, (await db.ClassBookings.SingleAsync()).Status);
    }

    [Fact]
    public async Task What_already_happened_is_from_2000_and_not_later_than_now_plus_the_skew_and_plans_end_before_2100()
    {
        var now = gym.Clock.UtcNow;
        string At(TimeSpan from) => (now + from).ToString("yyyy-MM-ddTHH:mm:ssZ");
        var hour = TimeSpan.FromHours(1);
        folder
            .With("clients.csv", ClientsHeader,
                Client(1),
                "C2,Ben,,,,ACTIVE,9999-12-31T00:00:00Z,,",
                "C3,Carla,,,,ACTIVE,1970-01-01T00:00:00Z,,")
            .With("memberships.csv", "external_id,client_external_id,plan,start_date,end_date,status",
                "M1,C1,Monthly,2026-04-01,2027-03-31,ACTIVE",
                "M2,C1,Monthly,1970-01-01,,ACTIVE",
                "M3,C1,Monthly,2026-01-01,9999-12-31,ACTIVE")
            .With("visits.csv", "client_external_id,visited_at",
                $"C1,{At(TimeSpan.FromMinutes(4))}",
                $"C1,{At(hour)}",
                $"C1,{At(TimeSpan.FromDays(3))}",
                "C1,0001-01-01T00:00:00Z",
                "C1,2000-01-01T00:00:00Z")
            .With("bookings.csv", "external_id,client_external_id,class_name,class_at,status,booked_at",
                $"B1,C1,Spinning,{At(TimeSpan.FromDays(7))},BOOKED,{At(-hour)}",
                $"B2,C1,Spinning,{At(TimeSpan.FromDays(7))},BOOKED,{At(TimeSpan.FromDays(1))}",
                $"B3,C1,Spinning,2100-01-01T00:00:00Z,BOOKED,{At(-hour)}")
            .With("orders.csv", "external_id,client_external_id,total,created_at", $"O1,C1,10,{At(hour)}")
            .With("payments.csv", "external_id,client_external_id,amount,status,created_at", $"P1,C1,10,PAID,{At(-hour)}", "P2,C1,10,PAID,1999-12-31T23:59:59Z");

        var report = await ImportAsync();

        Assert.Equal([1L, 1, 2, 1, 0, 1, 0], report.Files.Select(f => f.Accepted));
        Assert.Equal(
            "created_at: 9999-12-31T00:00:00Z is later than the import's now (2026-03-10 09:00 UTC) plus 5 minutes for a clock running fast: it cannot have happened yet.",
            Rejected(report, "clients.csv")[3]);
        Assert.Equal("created_at: 1970-01-01T00:00:00Z is before 2000-01-01, the earliest the format accepts.", Rejected(report, "clients.csv")[4]);
        Assert.Equal("start_date: 1970-01-01 is before 2000-01-01, the earliest the format accepts.", Rejected(report, "memberships.csv")[3]);
        Assert.Equal("end_date: 9999-12-31 is not before 2100-01-01, the latest the format accepts.", Rejected(report, "memberships.csv")[4]);
        Assert.Equal([3L, 4, 5], Rejected(report, "visits.csv").Keys.Order());
        Assert.Contains("visited_at: 0001-01-01T00:00:00Z is before 2000-01-01", Rejected(report, "visits.csv")[5]);
        Assert.Contains("booked_at: ", Rejected(report, "bookings.csv")[3]);
        Assert.Contains("class_at: 2100-01-01T00:00:00Z is not before 2100-01-01", Rejected(report, "bookings.csv")[4]);
        Assert.Contains("it cannot have happened yet", Rejected(report, "orders.csv")[2]);
        Assert.Contains("is before 2000-01-01", Rejected(report, "payments.csv")[3]);
    }

    [Fact]
    public async Task The_clock_skew_is_a_setting()
    {
        await using var strict = await TestGym.StartAsync(new Dictionary<string, string?> { ["Gym:MaxClockSkewMinutes"] = "0" });
        var inAMinute = strict.Clock.UtcNow.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        folder.With("clients.csv", ClientsHeader, Client(1), $"C2,Ben,,,,ACTIVE,{inAMinute},,");

        var report = await strict.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply);

        Assert.Contains("plus 0 minutes", Assert.Single(report.Rejections).Reason);
    }

    [Theory]
    [InlineData("en", 1, "plus 1 minute for a clock running fast")]
    [InlineData("en", 2, "plus 2 minutes for a clock running fast")]
    [InlineData("es", 1, "más 1 minuto por un reloj que adelanta")]
    [InlineData("es", 2, "más 2 minutos por un reloj que adelanta")]
    public async Task The_clock_skew_is_counted_in_words(string language, int minutes, string expected)
    {
        using var scope = new CultureScope(language);
        await using var gym = await TestGym.StartAsync(new Dictionary<string, string?> { ["Gym:MaxClockSkewMinutes"] = minutes.ToString(CultureInfo.InvariantCulture) });
        var later = gym.Clock.UtcNow.AddMinutes(minutes + 1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        folder.With("clients.csv", ClientsHeader, Client(1), $"C2,Ben,,,,ACTIVE,{later},,");

        var report = await gym.Get<GymImport>().RunAsync(folder.Path, ImportMode.Apply);

        Assert.Contains(expected, Assert.Single(report.Rejections).Reason, StringComparison.Ordinal);
    }
}
