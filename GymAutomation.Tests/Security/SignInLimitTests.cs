using System.Net;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Security;

/// <summary>
/// Sign-in limits through the real login form, from client addresses the test chooses: the unknown email answers as
/// a known one does, and a guesser's lockout stays at the guesser's address.
/// </summary>
public sealed class SignInLimitTests(SignInLimitTests.AddressedAppFactory app) : IClassFixture<SignInLimitTests.AddressedAppFactory>
{
    private static readonly string InvalidSignIn = UiText.Account("InvalidSignIn");
    private static readonly string LockedOut = UiText.Account("LockedOut");

    [Fact]
    public async Task An_unknown_email_runs_the_password_hasher_and_gets_the_wrong_password_message()
    {
        await app.CreateStaffAsync("known@limits.gym", Roles.Staff);

        var before = app.Hashes.Verifications;
        var wrongPassword = await SignInAsync("198.51.100.1", "known@limits.gym", "Not.The.Password.1");
        var afterKnown = app.Hashes.Verifications;
        var unknownEmail = await SignInAsync("198.51.100.1", "nobody@limits.gym", "Not.The.Password.1");

        Assert.Equal((InvalidSignIn, InvalidSignIn), (wrongPassword.Message, unknownEmail.Message));
        Assert.Equal(1, afterKnown - before);
        Assert.Equal(1, app.Hashes.Verifications - afterKnown);
    }

    [Fact]
    public async Task An_unknown_email_is_locked_out_after_as_many_failures_as_a_known_one()
    {
        await app.CreateStaffAsync("real@limits.gym", Roles.Staff);

        var known = new List<string?>();
        var unknown = new List<string?>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            known.Add((await SignInAsync("198.51.100.2", "real@limits.gym", $"Wrong.Password.{attempt}")).Message);
            unknown.Add((await SignInAsync("198.51.100.3", "ghost@limits.gym", $"Wrong.Password.{attempt}")).Message);
        }

        Assert.Equal([InvalidSignIn, InvalidSignIn, InvalidSignIn, InvalidSignIn, LockedOut, LockedOut], known);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task The_owner_signs_in_from_another_address_while_the_guessers_address_is_locked_for_that_email()
    {
        var attacker = "203.0.113.66";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignInAsync(attacker, GymAppFactory.AdminEmail, $"Guess.Number.{attempt}");
        }

        var fromAttacker = await SignInAsync(attacker, GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);
        var fromOwner = await SignInAsync("192.0.2.10", GymAppFactory.AdminEmail, GymAppFactory.AdminPassword);

        Assert.Equal(LockedOut, fromAttacker.Message);
        Assert.Equal(HttpStatusCode.Redirect, fromOwner.Status);
        var lockout = Assert.Single(await app.LockoutsAsync(), l => l.Address == attacker);
        Assert.Equal((GymAppFactory.AdminEmail, 5), (lockout.Email, lockout.Failures));
    }

    [Fact]
    public async Task An_address_that_fails_with_many_emails_is_locked_for_every_email_and_other_addresses_are_not()
    {
        await app.CreateStaffAsync("desk@limits.gym", Roles.Staff);
        var sprayer = "203.0.113.99";
        var messages = new List<string?>();
        for (var attempt = 1; attempt <= AddressedAppFactory.FailuresPerAddress; attempt++)
        {
            messages.Add((await SignInAsync(sprayer, $"guess{attempt}@limits.gym", "Common.Guess.2026")).Message);
        }

        var rightPasswordFromSprayer = await SignInAsync(sprayer, "desk@limits.gym", GymAppFactory.StaffPassword);
        var rightPasswordElsewhere = await SignInAsync("192.0.2.20", "desk@limits.gym", GymAppFactory.StaffPassword);

        Assert.All(messages.SkipLast(1), m => Assert.Equal(InvalidSignIn, m));
        Assert.Equal(LockedOut, messages[^1]);
        Assert.Equal(LockedOut, rightPasswordFromSprayer.Message);
        Assert.Equal(HttpStatusCode.Redirect, rightPasswordElsewhere.Status);
        var lockout = Assert.Single(await app.LockoutsAsync(), l => l.Address == sprayer);
        Assert.True(lockout.IsAddressWide);
        Assert.Equal(AddressedAppFactory.FailuresPerAddress, lockout.Failures);
    }

    [Fact]
    public async Task A_lockout_is_stored_so_another_instance_of_the_app_on_the_database_keeps_it()
    {
        var guesser = "203.0.113.77";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignInAsync(guesser, "stored@limits.gym", $"Guess.Number.{attempt}");
        }

        await using var restarted = new AddressedAppFactory { Settings = { ["ConnectionStrings:Gym"] = app.ConnectionString } };
        var client = restarted.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(AddressedAppFactory.AddressHeader, guesser);
        using var response = await LoginForm.PostAsync(client, "stored@limits.gym", "Guess.Number.6");

        Assert.Equal(LockedOut, LoginForm.Message(await response.Content.ReadAsStringAsync()));
    }

    private async Task<(HttpStatusCode Status, string? Message)> SignInAsync(string address, string email, string password)
    {
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(AddressedAppFactory.AddressHeader, address);
        using var response = await LoginForm.PostAsync(client, email, password);
        return (response.StatusCode, LoginForm.Message(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>
    /// The app with each request's client address taken from a test header (the test server has none of its own),
    /// a password hasher that counts its checks, and a per-address limit small enough to reach.
    /// </summary>
    public sealed class AddressedAppFactory : GymAppFactory
    {
        public const string AddressHeader = "X-Test-Client-Address";
        public const int FailuresPerAddress = 8;

        public AddressedAppFactory()
        {
            Settings["SignInLimits:FailuresPerAddress"] = FailuresPerAddress.ToString();
        }

        public CountingPasswordHasher Hashes { get; } = new();

        public async Task<IReadOnlyList<SignInLockout>> LockoutsAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SignInLimits>().ListLockedAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IPasswordHasher<StaffUser>>(Hashes);
                services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            });
        }

        private sealed class ClientAddressFromHeader : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (IPAddress.TryParse(context.Request.Headers[AddressHeader], out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }

                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }

    /// <summary>Identity's hasher, counting how many passwords it has checked.</summary>
    public sealed class CountingPasswordHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
