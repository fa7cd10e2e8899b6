using GymAutomation.Web.Hosting;

var command = GymCommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArgs);
builder.AddGymWeb(command);

var app = builder.Build();
app.UseGymWeb();

return await command.RunAsync(app);

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
