using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GymAutomation.Core.Data;
using GymAutomation.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Security;

/// <summary>
/// The Data Protection key ring — in a folder of the settings' choosing on SQLite, in the database on PostgreSQL —
/// encrypted with a certificate when one is set.
/// </summary>
public sealed class KeyRingTests : IAsyncLifetime
{
    private const string Password = "key-ring-test";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gym-tests", "keyring-" + Guid.NewGuid().ToString("N"));

    // One database for both lives of the app, outside either factory (each would drop its own).
    private readonly string? postgres = TestDatabases.OnPostgres ? TestDatabases.CreatePostgres() : null;

    public KeyRingTests() => Directory.CreateDirectory(folder);

    private string KeysFolder => Path.Combine(folder, "keys");

    private string CertificatePath => Path.Combine(folder, "keyring.pfx");

    [Fact]
    public async Task Keys_are_written_encrypted_and_a_sign_in_cookie_still_opens_the_app_after_a_restart()
    {
        WriteSelfSignedCertificate(CertificatePath, Password);
        string cookie;
        await using (var first = App(CertificatePath, Password))
        {
            var jar = new CookieJar(first);
            using var signIn = await LoginForm.PostAsync(jar.CreateClient(), GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
            HttpAssert.Redirect(signIn);
            cookie = jar.Cookies["GymAutomation.Auth"];
            var keys = await StoredKeysAsync(first);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml);
                Assert.DoesNotContain("unencrypted form", xml);
            });
        }

        await using var restarted = App(CertificatePath, Password);
        var again = new CookieJar(restarted) { Cookies = { ["GymAutomation.Auth"] = cookie } };
        using var clients = await again.CreateClient().GetAsync("/clients");
        Assert.Equal(HttpStatusCode.OK, clients.StatusCode);
    }

    [Fact]
    public async Task A_missing_certificate_stops_the_start_naming_the_setting()
    {
        await using var app = App(Path.Combine(folder, "nowhere.pfx"), Password);

        var error = StartFailure(app);

        Assert.Contains("DataProtection:CertificatePath", error);
        Assert.Contains("nowhere.pfx", error);
    }

    [Fact]
    public async Task A_wrong_password_stops_the_start_naming_the_setting()
    {
        WriteSelfSignedCertificate(CertificatePath, Password);
        await using var app = App(CertificatePath, "not-the-password");

        Assert.Contains("DataProtection:CertificatePassword", StartFailure(app));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (postgres is not null)
        {
            await TestDatabases.DropPostgresAsync(postgres);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp folder's cleaner.
        }
    }

    private GymAppFactory App(string certificatePath, string password)
    {
        var app = postgres is null ? new GymAppFactory() : new SharedDatabaseApp(postgres);
        // On SQLite, one database file for both lives of the app, outside either factory's folder (each deletes its own).
        app.Settings["ConnectionStrings:Gym"] = postgres ?? $"Data Source={Path.Combine(folder, "gym.db")}";
        app.Settings["DataProtection:KeysPath"] = KeysFolder;
        app.Settings["DataProtection:CertificatePath"] = certificatePath;
        app.Settings["DataProtection:CertificatePassword"] = password;
        return app;
    }

    /// <summary>The keys' XML, where the app keeps them: the folder on SQLite, the database on PostgreSQL.</summary>
    private async Task<IReadOnlyList<string>> StoredKeysAsync(GymAppFactory app)
    {
        if (postgres is null)
        {
            return [.. Directory.GetFiles(KeysFolder, "key-*.xml").Select(File.ReadAllText)];
        }

        Assert.False(Directory.Exists(KeysFolder));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    private static string StartFailure(GymAppFactory app)
    {
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        return string.Join(" | ", Chain(error).Select(e => e.Message));
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }

    private sealed class SharedDatabaseApp(string database) : GymAppFactory(database);

    private static void WriteSelfSignedCertificate(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=GymAutomation key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }
}
