using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using GymAutomation.Core.Data;
using GymAutomation.Web.Features.Jobs;
using GymAutomation.Web.Features.Retention.Board;
using GymAutomation.Web.Features.Workflows;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace GymAutomation.Tests.Architecture;

/// <summary>
/// The house's walls (docs/architecture.md), read from the compiled code: Core's folders in layers — a kernel that
/// names no feature, the features in a stated order, the read models on top — with no cycle between folders; and the
/// Web features with no cycle between them, none reaching into another's pages.
/// </summary>
public sealed class LayerTests
{
    private const string Core = "GymAutomation.Core";
    private const string WebFeatures = "GymAutomation.Web.Features";

    /// <summary>The kernel: the gym's settings and clock, common types, data plumbing, the event and live-feed contracts, the demo's frame.</summary>
    public static readonly string[] Kernel = ["Gym", "Common", "Resources", "Live", "Data", "Events", "Demo"];

    /// <summary>
    /// The features, bottom first, then the read models. A folder may use the kernel and the folders of the layers
    /// below its own; folders of one layer do not use each other.
    /// </summary>
    public static readonly string[][] Layers =
    [
        ["Email"],
        ["Staff"],
        ["Clients"],
        ["Jobs"],
        ["Import", "Integrations"],
        ["Calendar"],
        ["Workflows"],
        ["Scoring"],
        ["Segments"],
        ["Campaigns"],
        ["Retention"],
        ["ClientLists", "Dashboard", "Timeline", "Diagnostics", "Forecast"],
    ];

    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader()
        .LoadAssemblies(typeof(GymDbContext).Assembly, typeof(Web.Localization.AppText).Assembly)
        .Build();

    [Fact]
    public void Core_folders_have_no_cycles() =>
        Slices().Matching(Core + ".(*)").Should().BeFreeOfCycles().Check(Code);

    [Fact]
    public void Every_core_folder_has_a_place_in_the_layers()
    {
        var placed = Kernel.Concat(Layers.SelectMany(l => l)).ToHashSet();
        Assert.Equal([], CoreFolders().Where(f => !placed.Contains(f)).Order());
    }

    [Fact]
    public void The_kernel_names_no_feature()
    {
        var features = Layers.SelectMany(l => l).ToList();
        Assert.Equal([], Uses().Where(u => Kernel.Contains(u.From) && features.Contains(u.To)).Select(u => u.ToString()).Distinct().Order());
    }

    [Fact]
    public void A_feature_uses_only_the_kernel_and_the_layers_below_it()
    {
        var layerOf = Layers.SelectMany((folders, layer) => folders.Select(f => (f, layer))).ToDictionary(x => x.f, x => x.layer);
        var wrong = Uses().Where(u => layerOf.TryGetValue(u.From, out var from) && layerOf.TryGetValue(u.To, out var to) && to >= from);
        Assert.Equal([], wrong.Select(u => u.ToString()).Distinct().Order());
    }

    [Fact]
    public void Web_features_have_no_cycles() =>
        Slices().Matching(WebFeatures + ".(*)..").Should().BeFreeOfCycles().Check(Code);

    [Fact]
    public void A_web_feature_does_not_reach_into_another_features_pages()
    {
        var pages = Code.Types.Where(t => t.FullName.StartsWith(WebFeatures + ".", StringComparison.Ordinal) && IsPage(t)).ToList();
        foreach (var page in pages)
        {
            var feature = WebFeature(page);
            Types().That().ResideInNamespaceMatching(WebFeatures + @"\.(?!" + feature + @"\b).*")
                .Should().NotDependOnAny(Types().That().Are(page))
                .Because($"{page.Name} is {feature}'s page; another feature links to it by its address, not by its type")
                .WithoutRequiringPositiveResults()
                .Check(Code);
        }
    }

    private static bool IsPage(IType type) =>
        type.Attributes.Any(a => a.FullName == "Microsoft.AspNetCore.Components.RouteAttribute");

    private static string WebFeature(IType type) => type.Namespace.FullName[(WebFeatures.Length + 1)..].Split('.')[0];

    private static IEnumerable<string> CoreFolders() =>
        Code.Namespaces.Select(n => n.FullName).Where(n => n.StartsWith(Core + ".", StringComparison.Ordinal)).Select(n => n[(Core.Length + 1)..].Split('.')[0]).Distinct();

    /// <summary>Every use of a type of one Core folder by a type of another.</summary>
    private static IEnumerable<Use> Uses() =>
        from type in Code.Types
        where Folder(type) is not null
        from dependency in type.Dependencies
        let to = Folder(dependency.Target)
        where to is not null && to != Folder(type)
        select new Use(Folder(type)!, to, type.Name, dependency.Target.Name);

    private static string? Folder(IType type) =>
        type.Namespace?.FullName is { } name && name.StartsWith(Core + ".", StringComparison.Ordinal) ? name[(Core.Length + 1)..].Split('.')[0] : null;

    private sealed record Use(string From, string To, string FromType, string ToType)
    {
        public override string ToString() => $"{From} → {To} ({FromType} uses {ToType})";
    }
}
