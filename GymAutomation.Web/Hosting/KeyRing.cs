using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GymAutomation.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Hosting;

/// <summary>
/// The Data Protection key ring signs and encrypts the sign-in cookies, the antiforgery tokens and the links in
/// every email (open, click, unsubscribe). It lives with the data so they survive a restart: in a folder on SQLite,
/// in the gym's database (the <c>DataProtectionKeys</c> table) on PostgreSQL, where every instance must read the same
/// ring for a cookie or a link made by one to open on another. With <c>DataProtection:CertificatePath</c> each key is
/// encrypted with that certificate before it is written, so a copy of the folder or of the table (a backup, a stolen
/// disk) is useless without the certificate and its password.
/// </summary>
internal static class KeyRing
{
    public const string Section = "DataProtection";

    /// <summary>The application name the instances on PostgreSQL share.</summary>
    public const string ApplicationName = "GymAutomation";

    public static void AddKeyRing(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(Section);
        var root = builder.Environment.ContentRootPath;
        var protection = builder.Services.AddDataProtection();

        // The application name isolates one app's protected data from another's, so it must stay what it was when the
        // cookies and links were made. On SQLite it is the content root unless named; on PostgreSQL, where two
        // instances installed in two folders share one ring, it is named. A gym moved from SQLite names the old one.
        var named = settings["ApplicationName"] is { Length: > 0 } name ? name : null;
        if (builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider == DatabaseProvider.Postgres)
        {
            protection.SetApplicationName(named ?? ApplicationName).PersistKeysToDbContext<PostgresGymDbContext>();
            builder.Services.AddSingleton<IStartupTask, FirstSharedKey>();
        }
        else
        {
            if (named is not null)
            {
                protection.SetApplicationName(named);
            }

            var folder = Path.GetFullPath(settings["KeysPath"] is { Length: > 0 } keysPath ? keysPath : Path.Combine("App_Data", "keys"), root);
            protection.PersistKeysToFileSystem(new DirectoryInfo(folder));
            builder.Services.AddSingleton(new KeyRingFolder(folder));
        }

        if (settings["CertificatePath"] is { Length: > 0 } certificatePath)
        {
            protection.ProtectKeysWithCertificate(LoadCertificate(Path.GetFullPath(certificatePath, root), settings["CertificatePassword"]));
        }
    }

    /// <summary>Fails the start-up, naming the setting, rather than writing keys in clear or none at all.</summary>
    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{Section}:CertificatePath is {path}, which does not exist. The key ring cannot be encrypted or read without it.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"{Section}:CertificatePath {path} could not be opened: {Section}:CertificatePassword is wrong, or the file is not a PKCS#12 (.pfx) certificate. {ex.Message}", ex);
        }

        if (certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException($"{Section}:CertificatePath {path} has no RSA private key: the key ring needs one to read its keys back.");
        }

        return certificate;
    }
}

/// <summary>
/// On PostgreSQL, makes the key ring's first key once for all the instances. Two instances started together on a
/// new database would otherwise each find no key and make their own, and each would refuse the other's cookies and
/// links until its key ring is next read (a day later). A PostgreSQL advisory lock lets one make it; the others find it.
/// </summary>
internal sealed class FirstSharedKey(IDbContextFactory<GymDbContext> dbFactory, IKeyManager keys, IOptions<KeyManagementOptions> options, TimeProvider time) : IStartupTask
{
    private const long LockId = 0x4779_6D4B_6579; // "GymKey"

    /// <summary>Before every other task: the bootstrap admin and the demo gym may protect data already.</summary>
    public int Order => 50;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockId})", cancellationToken);
        if (keys.GetAllKeys().Count == 0)
        {
            var now = time.GetUtcNow();
            keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
