using System.IO.Compression;
using System.Text;
using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Import;
using GymAutomation.Web.Security;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Import;

public sealed class ImportPageTests : IAsyncLifetime
{
    private const string Clients = "external_id,first_name,status,created_at,email\n" +
                                   "C1,Ana,ACTIVE,2025-01-10T09:00:00Z,ana@example.com\n" +
                                   "C2,Ben,MEMBER,2025-01-10T09:00:00Z,\n";

    private const string Visits = "client_external_id,visited_at\nC1,2026-02-01T08:00:00Z\nC7,2026-02-01T08:00:00Z\n";

    private ComponentHost ui = null!;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.SignIn(Roles.Manager, Policies.AnyStaff, Policies.Marketing, Policies.Management);
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public async Task The_files_are_checked_first_then_imported_on_confirmation_with_each_rejected_row_shown()
    {
        using var english = new CultureScope("en");
        var page = RenderPage();

        page.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText(Clients, "clients.csv"), InputFileContent.CreateFromText(Visits, "visits.csv"),
            InputFileContent.CreateFromText("whatever", "notes.txt"));

        page.WaitForAssertion(() => Assert.Contains("Nothing written yet. Importing would accept 2 rows (2 new, 0 updated) and leave out 2 rows.",
            page.Find("[data-testid=import-verdict]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var rejections = page.FindAll("[data-testid=import-rejections] tbody tr")
            .Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(2, rejections.Count);
        Assert.Contains("clients.csv|3|status: \"MEMBER\" is not one of LEAD, ACTIVE, INACTIVE.", rejections);
        Assert.Contains("visits.csv|3|client_external_id: no client has the id \"C7\".", rejections);
        Assert.Contains("notes.txt", page.Find("[data-testid=ignored-files]").TextContent, StringComparison.Ordinal);
        await using (var db = ui.Gym.CreateDb())
        {
            Assert.Equal(0, await db.Clients.CountAsync());
        }

        page.Find("[data-testid=import]").Click();
        page.WaitForAssertion(() => page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Import").Click());

        page.WaitForAssertion(() => Assert.StartsWith("Imported: 2 new rows, 0 updated, 0 already as they were; 2 left out.",
            page.Find("[data-testid=import-verdict]").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.Contains("2 rows written.", page.Find("#mud-snackbar-container").TextContent, StringComparison.Ordinal));
        await using var check = ui.Gym.CreateDb();
        Assert.Equal(["C1"], await check.Clients.Select(c => c.ExternalId).ToListAsync());
        Assert.Equal(1, await check.Visits.CountAsync());
    }

    [Theory]
    [InlineData("en", "import-report-2026-03-10-1000.csv")]
    [InlineData("es", "informe-de-importacion-2026-03-10-1000.csv")]
    public void The_report_downloads_as_a_csv_file_named_by_the_gym_day_in_the_users_language(string language, string fileName)
    {
        using var culture = new CultureScope(language);
        var download = ui.Context.JSInterop.SetupVoid("gym.downloadFile", _ => true);
        var page = RenderPage();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Clients, "clients.csv"));
        page.WaitForAssertion(() => page.Find("[data-testid=import-verdict]"), TimeSpan.FromSeconds(10));

        page.Find("[data-testid=download-report]").Click();

        page.WaitForAssertion(() => Assert.Single(download.Invocations["gym.downloadFile"]));
        Assert.Equal(fileName, download.Invocations["gym.downloadFile"][0].Arguments[0]);
    }

    [Fact]
    public void In_spanish_the_page_and_the_reasons_read_in_spanish()
    {
        using var spanish = new CultureScope("es");
        var page = RenderPage();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Clients, "clients.csv"));

        page.WaitForAssertion(() => Assert.Contains("Aún no se ha escrito nada. La importación aceptaría 1 fila (1 nueva",
            page.Find("[data-testid=import-verdict]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("status: \"MEMBER\" no es uno de LEAD, ACTIVE, INACTIVE.", page.Find("[data-testid=import-rejections]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Importar", page.Find("[data-testid=import]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_of_the_files_is_read_like_the_files_themselves()
    {
        using var english = new CultureScope("en");
        var page = RenderPage();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Zip(("export/clients.csv", Clients), ("export/visits.csv", Visits)), "export.zip"));

        page.WaitForAssertion(() => Assert.Contains("accept 2 rows", page.Find("[data-testid=import-verdict]").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Files_that_cannot_be_imported_say_why_offer_no_import_and_write_nothing()
    {
        using var english = new CultureScope("en");
        var page = RenderPage();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("external_id,first_name\nC1,Ana\n", "clients.csv"));

        page.WaitForAssertion(() => Assert.Contains("clients.csv lacks the required column(s) status, created_at: nothing was imported.",
            page.Find("[data-testid=import-problems]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=import]"));
        await using var db = ui.Gym.CreateDb();
        Assert.Equal(0, await db.Clients.CountAsync());
    }

    private IRenderedComponent<MudHost> RenderPage() => ui.RenderHost(b =>
    {
        b.OpenComponent<ImportPage>(0);
        b.CloseComponent();
    });

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
