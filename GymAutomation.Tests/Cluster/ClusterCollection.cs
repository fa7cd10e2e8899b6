namespace GymAutomation.Tests.Cluster;

/// <summary>The cluster tests share one <see cref="LocalCluster"/>, one test at a time: it takes half a minute to start.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<LocalCluster>
{
    public const string Name = "Cluster";
}
