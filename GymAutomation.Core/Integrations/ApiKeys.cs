using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using GymAutomation.Core.Common;
using GymAutomation.Core.Data;
using GymAutomation.Core.Gym;
using GymAutomation.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Core.Integrations;

/// <summary>
/// Issues, lists, revokes and checks the keys of the HTTP API. A key is 32 random bytes; what is stored is its
/// SHA-256 hash — a key that random needs no salt or slow hash to resist guessing, and a fast hash lets every
/// request be checked with one indexed lookup — and a key just checked is remembered for a few seconds, so a busy
/// integration is not one extra query per request. Revoking forgets every remembered key at once.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<GymDbContext> dbFactory, GymClock clock)
{
    /// <summary>What every key starts with, so a leaked one is recognisable (secret scanners, logs).</summary>
    public const string KeyStart = "gym_";

    /// <summary>Who issued a key from the command line.</summary>
    public const string CommandLine = "command line";

    private const int PrefixLength = 12;

    // How stale "last used" may get: writing it on every request would turn each read into a write.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    // How long a checked key is trusted without asking the database again; revocation does not wait for it.
    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, CheckedKey> recent = new(StringComparer.Ordinal);
    // Counts revocations and changes of scopes: a read that saw the count change does not remember what it read.
    private int revocations;

    public async Task<SaveResult<IssuedApiKey>> IssueAsync(ApiKeyInput input, string issuedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = InputValidation.Validate(input);
        CheckScopes(input.Scopes, errors);
        var name = input.Name.Trim();
        if (!errors.ContainsKey(nameof(ApiKeyInput.Name)) && await db.ApiKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, cancellationToken))
        {
            errors[nameof(ApiKeyInput.Name)] = [ValidationText.ApiKeyNameInUse];
        }

        if (errors.Count > 0)
        {
            return SaveResult<IssuedApiKey>.Invalid(errors);
        }

        var secret = KeyStart + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name,
            Prefix = secret[..PrefixLength],
            KeyHash = Hash(secret),
            Scopes = ApiScopes.Format(input.Scopes),
            CreatedAt = clock.UtcNow,
            CreatedBy = issuedBy,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult<IssuedApiKey>.Ok(new IssuedApiKey(ToSummary(key), secret));
    }

    /// <summary>Active keys first, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking()
            .OrderBy(k => k.RevokedAt != null)
            .ThenByDescending(k => k.Id)
            .Select(Summary)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Sets what an active key may do, at once: the next request that sends it is checked against the new scopes.
    /// A revoked key cannot be changed (it does nothing anyway).
    /// </summary>
    public async Task<SaveResult<ApiKeySummary>> UpdateScopesAsync(int id, IEnumerable<string> scopes, CancellationToken cancellationToken = default)
    {
        var wanted = scopes.ToList();
        var errors = new Dictionary<string, string[]>();
        CheckScopes(wanted, errors);
        if (errors.Count > 0)
        {
            return SaveResult<ApiKeySummary>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.FindAsync([id], cancellationToken);
        if (key is null || key.RevokedAt is not null)
        {
            return SaveResult<ApiKeySummary>.Invalid("", ValidationText.RecordNotFound);
        }

        key.Scopes = ApiScopes.Format(wanted);
        await db.SaveChangesAsync(cancellationToken);
        Forget();
        return SaveResult<ApiKeySummary>.Ok(ToSummary(key));
    }

    /// <summary>Revokes a key at once: the next request that sends it is refused. Revoking it again changes nothing.</summary>
    public async Task<SaveResult<ApiKeySummary>> RevokeAsync(int id, string revokedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.FindAsync([id], cancellationToken);
        if (key is null)
        {
            return SaveResult<ApiKeySummary>.Invalid("", ValidationText.RecordNotFound);
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.UtcNow;
            key.RevokedBy = revokedBy;
            await db.SaveChangesAsync(cancellationToken);
            Forget();
        }

        return SaveResult<ApiKeySummary>.Ok(ToSummary(key));
    }

    /// <summary>
    /// The key a request presented: null when no key has that hash; a revoked key comes back with its
    /// <see cref="ApiKeySummary.RevokedAt"/> so the caller can say so. An active key's "last used" is brought up to date.
    /// </summary>
    public async Task<ApiKeySummary?> FindAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!presented.StartsWith(KeyStart, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }

        var hash = Hash(presented);
        var now = clock.UtcNow;
        if (recent.TryGetValue(hash, out var remembered) && now - remembered.CheckedAt < RememberFor
            && (!remembered.Key.IsActive || now - remembered.Key.LastUsedAt < LastUsedResolution))
        {
            return remembered.Key;
        }

        var revocationsSeen = Volatile.Read(ref revocations);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash).Select(Summary).SingleOrDefaultAsync(cancellationToken);
        if (key is { IsActive: true } && (key.LastUsedAt is not { } last || now - last >= LastUsedResolution))
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
            key = key with { LastUsedAt = now };
        }

        // A revocation while this read was under way wins: the next request reads again.
        if (key is not null && Volatile.Read(ref revocations) == revocationsSeen)
        {
            recent[hash] = new CheckedKey(key, now);
        }

        return key;
    }

    /// <summary>Forgets every remembered key after a revocation or a change of scopes; a read under way when it happened is not remembered either.</summary>
    private void Forget()
    {
        Interlocked.Increment(ref revocations);
        recent.Clear();
    }

    private static void CheckScopes(ICollection<string> scopes, Dictionary<string, string[]> errors)
    {
        if (ApiScopes.Unknown(scopes) is [_, ..] unknown)
        {
            errors[nameof(ApiKeyInput.Scopes)] = [string.Format(CultureInfo.CurrentCulture, CompositeFormat.Parse(ValidationText.ApiScopeUnknown),
                string.Join(", ", unknown), string.Join(", ", ApiScopes.All))];
        }
        else if (scopes.Count == 0)
        {
            errors[nameof(ApiKeyInput.Scopes)] = [ValidationText.ApiScopesRequired];
        }
    }

    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static readonly Expression<Func<ApiKey, ApiKeySummary>> Summary =
        k => new ApiKeySummary(k.Id, k.Name, k.Prefix, ApiScopes.Parse(k.Scopes), k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt, k.RevokedBy);

    private static readonly Func<ApiKey, ApiKeySummary> ToSummary = Summary.Compile();

    private sealed record CheckedKey(ApiKeySummary Key, DateTime CheckedAt);
}
