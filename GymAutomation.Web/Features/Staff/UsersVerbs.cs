using GymAutomation.Core.Staff;
using GymAutomation.Web.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GymAutomation.Web.Features.Staff;

public static class UsersVerbs
{
    public const string Password = "--password";
    public const string Name = "--name";

    // Errors are printed in the order the command line takes the fields.
    private static readonly string[] FieldOrder = [nameof(StaffInput.Email), nameof(StaffInput.Roles), nameof(StaffInput.Password), nameof(StaffInput.DisplayName)];

    /// <summary>
    /// <c>users create EMAIL ROLE</c>: through <see cref="StaffAccounts"/>, as the Staff page creates one, so the same
    /// rules hold (a valid, unused email; the password policy). The name defaults to the email's local part.
    /// </summary>
    public static async Task<int> CreateAsync(VerbCall call)
    {
        var (email, roleWord) = (call.Arguments[0], call.Arguments[1]);
        var role = Roles.All.FirstOrDefault(r => r.Equals(roleWord, StringComparison.OrdinalIgnoreCase));
        var generated = !call.Options.TryGetValue(Password, out var password);
        if (generated)
        {
            password = StaffPasswords.Generate(call.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Password);
        }

        var input = new StaffInput
        {
            Email = email,
            DisplayName = call.Options.GetValueOrDefault(Name) ?? email.Split('@')[0],
            Password = password,
            Roles = [role ?? roleWord],
        };
        var created = await call.Services.GetRequiredService<StaffAccounts>().CreateAsync(input);
        if (!created.Succeeded)
        {
            foreach (var (field, messages) in created.Errors.OrderBy(e => Array.IndexOf(FieldOrder, e.Key)))
            {
                foreach (var message in field == nameof(StaffInput.Roles) && role is null ? [$"\"{roleWord}\" is not a role: use {string.Join(", ", Roles.All)}."] : messages)
                {
                    await call.Error.WriteLineAsync($"{Label(field)}{message}");
                }
            }

            await call.Error.WriteLineAsync("No user was created.");
            return 1;
        }

        var user = created.Value!;
        await call.Output.WriteLineAsync($"Created {user.Email} ({user.DisplayName}) with the role {role}; active, can sign in now.");
        if (generated)
        {
            await call.Output.WriteLineAsync("Password, shown only this once:");
            await call.Output.WriteLineAsync(password);
        }

        return 0;
    }

    /// <summary>The field of an error, named as the command line takes it.</summary>
    private static string Label(string field) => field switch
    {
        nameof(StaffInput.Email) => "EMAIL: ",
        nameof(StaffInput.Roles) => "ROLE: ",
        nameof(StaffInput.Password) => $"{Password}: ",
        nameof(StaffInput.DisplayName) => $"{Name}: ",
        _ => "",
    };
}
