using GymAutomation.Core.Forecast;
using GymAutomation.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace GymAutomation.Tests.Demo;

/// <summary>The demo gym shows a promotional email waiting for a retention case being worked, on the member's forecast.</summary>
public sealed class DemoPauseTests(SeededDemoGym seeded) : IClassFixture<SeededDemoGym>
{
    [Fact]
    public async Task A_member_whose_case_is_being_worked_has_a_promotional_email_paused_on_their_forecast()
    {
        List<int> inCase;
        await using (var db = seeded.Gym.CreateDb())
        {
            inCase = await seeded.Gym.Get<IWorkflowHolds>().ClientsInRetentionCase(db).Distinct().OrderBy(id => id).ToListAsync();
        }

        Assert.NotEmpty(inCase);
        var paused = new List<ForecastPause>();
        foreach (var clientId in inCase)
        {
            paused.AddRange((await seeded.Gym.Get<ContactForecast>().ForClientAsync(clientId)).Paused);
        }

        Assert.NotEmpty(paused);
    }
}
