using GymAutomation.Core.Integrations;

namespace GymAutomation.Web.CommandLine;

public static class ApiKeysVerbs
{
    /// <summary><c>apikeys create NAME</c>: the words of the name are joined, so it needs no quotes.</summary>
    public static async Task<int> CreateAsync(VerbCall call)
    {
        var name = string.Join(' ', call.Arguments);
        var issued = await call.Services.GetRequiredService<ApiKeys>().IssueAsync(new ApiKeyInput { Name = name }, ApiKeys.CommandLine);
        if (!issued.Succeeded)
        {
            await call.Error.WriteLineAsync($"No key was issued: {string.Join(" ", issued.Errors.SelectMany(e => e.Value))}");
            return 1;
        }

        await call.Output.WriteLineAsync($"API key \"{issued.Value!.Key.Name}\" issued. Copy it now: it is stored hashed and cannot be shown again.");
        await call.Output.WriteLineAsync(issued.Value.Secret);
        return 0;
    }
}
