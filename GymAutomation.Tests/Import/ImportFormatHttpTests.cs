using System.Net;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Import;

namespace GymAutomation.Tests.Import;

/// <summary>The import page's link to the full format: the repository's own document, served to the people who may import.</summary>
public sealed class ImportFormatHttpTests(GymAppFactory app) : IClassFixture<GymAppFactory>
{
    [Fact]
    public async Task The_format_reference_is_the_repositorys_document_word_for_word()
    {
        var admin = await app.CreateSignedInClientAsync(GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        using var response = await admin.GetAsync(ImportFormatEndpoint.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/plain", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        var document = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "docs", "import-format.md"));
        Assert.Equal(document, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Someone_who_may_not_import_is_not_shown_the_format()
    {
        var email = $"desk-{Guid.NewGuid():N}@test.gym";
        await app.CreateStaffAsync(email, Roles.Staff);
        var desk = await app.CreateSignedInClientAsync(email, GymAppFactory.StaffPassword);
        var anonymous = app.CreateBrowserLikeClient();

        using var forbidden = await desk.GetAsync(ImportFormatEndpoint.Path);
        using var signIn = await anonymous.GetAsync(ImportFormatEndpoint.Path);

        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/account/login", signIn.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
    }
}
