using GymAutomation.Tests.Support;

namespace GymAutomation.Tests.Browser;

public sealed class EveryPageListTests
{
    [Fact]
    public void The_every_page_list_holds_every_routed_page_once()
    {
        var listed = EveryPage.All.Select(p => p.Template).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(EveryPage.RoutedTemplates(), listed);
        Assert.Equal(EveryPage.All.Count, EveryPage.All.Select(p => p.Name).Distinct().Count());
    }
}
