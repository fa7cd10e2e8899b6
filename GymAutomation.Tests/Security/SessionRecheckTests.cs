using System.Net;
using System.Security.Claims;
using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GymAutomation.Tests.Security;

/// <summary>
/// What the re-check every <c>Security:RevalidateSeconds</c> (one second here) does: an open Blazor circuit ends with its
/// session, as a page request does, and a sign-in outlives Identity's periodic refresh of its cookie.
/// </summary>
public sealed class SessionRecheckTests(SessionRecheckTests.QuickChecksApp app) : IClassFixture<SessionRecheckTests.QuickChecksApp>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    /// <summary>Circuits re-check their session every second; Identity's cookie check reads <see cref="StampClock"/>.</summary>
    public sealed class QuickChecksApp : GymAppFactory
    {
        public QuickChecksApp() => Settings["Security:RevalidateSeconds"] = "1";

        /// <summary>The clock of Identity's security stamp check: a test moves it past the interval instead of waiting.</summary>
        public FakeTimeProvider StampClock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.PostConfigure<SecurityStampValidatorOptions>(o => o.TimeProvider = StampClock));
        }
    }

    [Fact]
    public async Task A_circuit_is_signed_out_at_once_when_its_user_is_deactivated()
    {
        var user = await app.CreateStaffAsync("circuit-deactivated@test.gym", Roles.Staff);
        await using var circuit = await OpenCircuitAsync(user);

        await app.SetActiveAsync(user.Id, false);

        Assert.False((await circuit.NextUser.WaitAsync(Soon)).Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task A_circuit_whose_session_another_process_revoked_is_signed_out_at_the_next_check()
    {
        var user = await app.CreateStaffAsync("circuit-elsewhere@test.gym", Roles.Staff);
        await using var revoked = await OpenCircuitAsync(user);
        await using var kept = await OpenCircuitAsync(user);

        // What another instance's sign-out leaves behind: the row, and no event in this process.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<GymDbContext>>().CreateDbContextAsync())
        {
            await db.StaffSessions.Where(s => s.Id == revoked.SessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, DateTime.UtcNow).SetProperty(s => s.RevokedReason, StaffSessionEnd.SignedOut));
        }

        Assert.False((await revoked.NextUser.WaitAsync(Soon)).Identity?.IsAuthenticated);
        Assert.False(kept.NextUser.IsCompleted);
    }

    [Fact]
    public async Task A_sign_in_keeps_its_session_when_identity_refreshes_its_cookie()
    {
        await app.CreateStaffAsync("refreshed@test.gym", Roles.Staff);
        using var client = await app.CreateSignedInClientAsync("refreshed@test.gym", GymAppFactory.StaffPassword);

        // Past the interval, the security stamp check rebuilds the cookie's claims from the user and sends it anew.
        app.StampClock.SetUtcNow(DateTimeOffset.UtcNow.AddSeconds(2));
        using var refreshing = await client.GetAsync("/clients");
        using var refreshed = await client.GetAsync("/clients");

        Assert.Contains(refreshing.Headers.GetValues("Set-Cookie"), c => c.StartsWith("GymAutomation.Auth=", StringComparison.Ordinal));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (refreshing.StatusCode, refreshed.StatusCode));
    }

    /// <summary>A circuit's authentication state as a signed-in page hands it over: the cookie's claims, session included.</summary>
    private async Task<Circuit> OpenCircuitAsync(StaffUser user)
    {
        var scope = app.Services.CreateAsyncScope();
        var sessionId = await app.Services.GetRequiredService<StaffSessions>().StartAsync(user.Id, null, null);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(StaffClaims.SessionId, sessionId));
        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var next = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.AuthenticationStateChanged += async state => next.TrySetResult((await state).User);
        return new Circuit(scope, sessionId, next.Task);
    }

    /// <summary>An open circuit: <see cref="NextUser"/> is its user after its authentication state next changes.</summary>
    private sealed record Circuit(AsyncServiceScope Scope, string SessionId, Task<ClaimsPrincipal> NextUser) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }
}
