using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GymAutomation.Core.Live;

/// <summary>
/// The live changes as JSON between instances. The kernel names no feature, so the kinds of change are found in Core
/// itself: every concrete <see cref="LiveChange"/> is a derived type, its type name the discriminator.
/// </summary>
internal static class LiveChangeJson
{
    private static readonly FrozenSet<Type> Kinds = typeof(LiveChange).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(LiveChange)) && !t.IsAbstract)
        .ToFrozenSet();

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AddKinds } },
    };

    /// <summary>Whether the change is one of Core's kinds, which other instances can read (a test's own kinds are not).</summary>
    public static bool Travels(LiveChange change) => Kinds.Contains(change.GetType());

    private static void AddKinds(JsonTypeInfo info)
    {
        if (info.Type != typeof(LiveChange))
        {
            return;
        }

        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$kind" };
        foreach (var kind in Kinds.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(kind, kind.Name));
        }
    }
}
