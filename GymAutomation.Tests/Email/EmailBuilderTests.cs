using Bunit;
using GymAutomation.Core.Clients;
using GymAutomation.Core.Email;
using GymAutomation.Core.Workflows;
using GymAutomation.Tests.Support;
using GymAutomation.Web.Features.Email.Builder;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GymAutomation.Tests.Email;

/// <summary>The visual email builder driven like a marketer: blocks added, moved, removed and edited.</summary>
public sealed class EmailBuilderTests : IAsyncLifetime
{
    private ComponentHost ui = null!;
    private EmailDesign? raised;

    public async Task InitializeAsync()
    {
        ui = await ComponentHost.StartAsync();
        ui.Context.Services.AddSingleton(ui.Gym.Get<WorkflowEditor>());
    }

    public async Task DisposeAsync() => await ui.DisposeAsync();

    [Fact]
    public void Blocks_added_from_the_palette_join_the_end_of_the_design()
    {
        using var english = new CultureScope("en");
        var host = Render(EmailDesign.Empty);
        Assert.NotNull(host.Find("[data-testid=builder-empty]"));

        host.Find("[data-testid=add-HeadingBlock]").Click();
        host.Find("[data-testid=add-ButtonBlock]").Click();

        Assert.Equal([new HeadingBlock("A heading"), new ButtonBlock("Book a class", "https://")], raised!.Blocks);
        Assert.Equal(["HeadingBlock", "ButtonBlock"], Kinds(host));
    }

    [Fact]
    public void The_arrows_move_a_block_and_tell_screen_readers_where_it_went()
    {
        using var english = new CultureScope("en");
        var host = Render(new EmailDesign([new HeadingBlock("A"), new DividerBlock(), new HeadingBlock("C")]));

        Assert.True(host.FindAll("[data-testid=block-up]")[0].HasAttribute("disabled"));
        Assert.Equal("Move Heading block 1 down", host.FindAll("[data-testid=block-down]")[0].GetAttribute("aria-label"));
        host.FindAll("[data-testid=block-down]")[0].Click();
        host.FindAll("[data-testid=block-up]")[2].Click();

        Assert.Equal([new DividerBlock(), new HeadingBlock("C"), new HeadingBlock("A")], raised!.Blocks);
        Assert.Equal(["DividerBlock", "HeadingBlock", "HeadingBlock"], Kinds(host));
        Assert.Equal("Heading block moved to position 2 of 3.", host.Find("[data-testid=blocks-announcement]").TextContent);
    }

    [Fact]
    public async Task A_block_dropped_on_another_takes_its_place()
    {
        var host = Render(new EmailDesign([new HeadingBlock("A"), new DividerBlock(), new SpacerBlock(10)]));
        var container = host.FindComponent<MudDropContainer<BuilderBlock>>().Instance;
        var spacer = container.Items.ElementAt(2);

        await host.InvokeAsync(async () =>
        {
            container.StartTransaction(spacer, "blocks", 2, () => Task.CompletedTask, () => Task.CompletedTask);
            container.UpdateTransactionIndex(0);
            await container.CommitTransaction("blocks", reorderIsAllowed: true);
        });

        Assert.Equal([new SpacerBlock(10), new HeadingBlock("A"), new DividerBlock()], raised!.Blocks);
    }

    [Fact]
    public void A_removed_block_comes_back_in_its_place_with_undo()
    {
        using var english = new CultureScope("en");
        var host = Render(new EmailDesign([new HeadingBlock("A"), new DividerBlock()]));

        host.FindAll("[data-testid=block-remove]")[0].Click();
        Assert.Equal([new DividerBlock()], raised!.Blocks);
        Assert.Contains("Heading block removed.", host.Find("[data-testid=block-removed]").TextContent, StringComparison.Ordinal);

        host.Find("[data-testid=undo-remove]").Click();

        Assert.Equal([new HeadingBlock("A"), new DividerBlock()], raised.Blocks);
        Assert.Empty(host.FindAll("[data-testid=block-removed]"));
    }

    [Fact]
    public void Editing_a_blocks_fields_raises_the_design_with_the_changed_block()
    {
        var host = Render(new EmailDesign([new HeadingBlock("A"), new ImageBlock("", "")]));

        host.Find("input[data-testid=heading-text]").Input("Welcome {{ client.first_name }}");
        host.WaitForAssertion(() => Assert.Equal(new HeadingBlock("Welcome {{ client.first_name }}"), raised?.Blocks[0]));
        host.Find("input[data-testid=image-url]").Input("https://gym.test/pool.jpg");

        host.WaitForAssertion(() => Assert.Equal([new HeadingBlock("Welcome {{ client.first_name }}"), new ImageBlock("https://gym.test/pool.jpg", "")], raised?.Blocks));
    }

    [Fact]
    public async Task The_rich_text_editors_html_becomes_the_text_block()
    {
        var host = Render(new EmailDesign([new TextBlock("<p>Old</p>")]));

        await host.InvokeAsync(() => host.FindComponent<RichTextField>().Instance.ChangedAsync("<p><strong>New</strong> {{ client.first_name }}</p>"));

        Assert.Equal([new TextBlock("<p><strong>New</strong> {{ client.first_name }}</p>")], raised!.Blocks);
    }

    [Fact]
    public void A_column_gets_blocks_from_its_own_palette_which_offers_no_columns()
    {
        var host = Render(new EmailDesign([new ColumnsBlock([], [new DividerBlock()])]));

        Assert.Empty(host.FindAll("[data-testid=left-column-palette] [data-testid=add-ColumnsBlock]"));
        host.Find("[data-testid=left-column-palette] [data-testid=add-SpacerBlock]").Click();

        var columns = Assert.IsType<ColumnsBlock>(Assert.Single(raised!.Blocks));
        Assert.Equal([new SpacerBlock()], columns.Left);
        Assert.Equal([new DividerBlock()], columns.Right);
    }

    [Fact]
    public async Task The_desktop_and_phone_previews_show_the_email_with_the_clients_data()
    {
        var client = await AddClientAsync("Ann");
        var host = Render(new EmailDesign([new HeadingBlock("Hi {{ client.first_name }}")]), client);

        host.WaitForAssertion(() => Assert.Contains(">Hi Ann</h1>", host.Find("[data-testid=preview-desktop]").GetAttribute("srcdoc"), StringComparison.Ordinal));
        Assert.Contains("width:375px", host.Find("[data-testid=preview-phone]").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("", host.Find("[data-testid=preview-phone]").GetAttribute("sandbox"));

        host.Find("input[data-testid=heading-text]").Input("Bye {{ client.first_name }}");

        host.WaitForAssertion(() => Assert.Contains(">Bye Ann</h1>", host.Find("[data-testid=preview-phone]").GetAttribute("srcdoc"), StringComparison.Ordinal));
    }

    private IRenderedComponent<MudHost> Render(EmailDesign design, PreviewClient? client = null) =>
        ui.RenderHost(b =>
        {
            b.OpenComponent<EmailBuilder>(0);
            b.AddAttribute(1, nameof(EmailBuilder.Design), design);
            b.AddAttribute(2, nameof(EmailBuilder.DesignChanged), Microsoft.AspNetCore.Components.EventCallback.Factory.Create<EmailDesign>(this, d => raised = d));
            b.AddAttribute(3, nameof(EmailBuilder.Client), client);
            b.CloseComponent();
        });

    private async Task<PreviewClient> AddClientAsync(string name)
    {
        await using var db = ui.Gym.CreateDb();
        var client = new Client { FirstName = name, Email = $"{name.ToLowerInvariant()}@example.com", CreatedAt = ui.Gym.Clock.UtcNow, UpdatedAt = ui.Gym.Clock.UtcNow };
        db.Clients.Add(client);
        await db.SaveChangesAsync();
        return new PreviewClient(client.Id, name, client.Email);
    }

    private static List<string?> Kinds(IRenderedComponent<MudHost> host) =>
        [.. host.FindAll("[data-testid=block-card]").Select(e => e.GetAttribute("data-block-kind"))];
}
