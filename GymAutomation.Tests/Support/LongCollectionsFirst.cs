using GymAutomation.Tests.Cluster;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("GymAutomation.Tests.Support.LongCollectionsFirst", "GymAutomation.Tests")]

namespace GymAutomation.Tests.Support;

/// <summary>
/// Starts the two collections that take minutes, one test at a time around a shared fixture — the cluster's, which
/// mostly waits for its jobs' next minute, and the browser's — before the others, which then fill the other core
/// around them. xunit runs as many collections at once as there are cores, in this order; in the order it picks by
/// default the cluster's could start last and then ran alone for four minutes on an idle machine (CI, 8 Dec 2026).
/// </summary>
public sealed class LongCollectionsFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest = [ClusterCollection.Name, BrowserCollection.Name];

    private readonly DefaultTestCollectionOrderer byDefault = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        byDefault.OrderTestCollections(testCollections).OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var place and >= 0 ? place : Longest.Length);
}
