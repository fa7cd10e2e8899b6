using GymAutomation.Core.Integrations;
using GymAutomation.Web.CommandLine;

namespace GymAutomation.Web.Features.Integrations;

public static class ApiKeysVerbs
{
    public const string Scopes = "--scopes";

    /// <summary>What the usage says of <see cref="Scopes"/>.</summary>
    public static string ScopesHelp { get; } = $"SCOPES is a comma-separated list of {string.Join(", ", ApiScopes.All)}.";

    /// <summary><c>apikeys create NAME --scopes a,b</c>: the words of the name are joined, so it needs no quotes.</summary>
    public static async Task<int> CreateAsync(VerbCall call)
    {
        var name = string.Join(' ', call.Arguments);
        var issued = await call.Services.GetRequiredService<ApiKeys>().IssueAsync(new ApiKeyInput { Name = name, Scopes = ScopesOf(call) }, ApiKeys.CommandLine);
        if (!issued.Succeeded)
        {
            await call.Error.WriteLineAsync($"No key was issued: {string.Join(" ", issued.Errors.SelectMany(e => e.Value))}");
            return 1;
        }

        await call.Output.WriteLineAsync(
            $"API key \"{issued.Value!.Key.Name}\" issued with {string.Join(", ", issued.Value.Key.Scopes)}. Copy it now: it is stored hashed and cannot be shown again.");
        await call.Output.WriteLineAsync(issued.Value.Secret);
        return 0;
    }

    /// <summary><c>apikeys update NAME --scopes a,b</c>: sets what the active key of that name may do, from its next request.</summary>
    public static async Task<int> UpdateAsync(VerbCall call)
    {
        var name = string.Join(' ', call.Arguments);
        var keys = call.Services.GetRequiredService<ApiKeys>();
        var key = (await keys.ListAsync()).FirstOrDefault(k => k.IsActive && string.Equals(k.Name, name, StringComparison.Ordinal));
        if (key is null)
        {
            await call.Error.WriteLineAsync($"No active API key is named \"{name}\".");
            return 1;
        }

        var updated = await keys.UpdateScopesAsync(key.Id, ScopesOf(call));
        if (!updated.Succeeded)
        {
            await call.Error.WriteLineAsync($"The key was not changed: {string.Join(" ", updated.Errors.SelectMany(e => e.Value))}");
            return 1;
        }

        await call.Output.WriteLineAsync($"API key \"{key.Name}\" now has {string.Join(", ", updated.Value!.Scopes)}.");
        return 0;
    }

    private static HashSet<string> ScopesOf(VerbCall call) =>
        [.. (call.Options.GetValueOrDefault(Scopes) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
