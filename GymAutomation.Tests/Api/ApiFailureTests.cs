using System.Net;
using GymAutomation.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GymAutomation.Tests.Api;

public sealed class ApiFailureTests
{
    [Fact]
    public async Task A_failure_nobody_expected_is_a_500_problem_that_records_nothing()
    {
        await using var app = new ApiApp();
        var eva = await app.CreateGymClientAsync("Eva", "eva@example.com");
        var client = await app.CreateApiClientAsync();
        await app.Services.GetRequiredService<EventDispatcher>().DrainAsync();
        await using (var db = app.CreateDb())
        {
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Visits" RENAME TO "VisitsMoved";""");
        }

        using var response = await client.PostEventAsync(new { type = ClientEventTypes.VisitRegistered, clientId = eva.Id });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Microsoft.Extensions.DependencyInjection.ApiServiceCollectionExtensions.UnexpectedFailure, (await response.JsonAsync()).GetProperty("detail").GetString());
        await using var check = app.CreateDb();
        Assert.Equal([ClientEventTypes.LeadCreated], await check.ClientEvents.Select(e => e.Type).ToListAsync());
    }
}
