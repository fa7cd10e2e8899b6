using GymAutomation.Core.Live;

namespace GymAutomation.Core.Workflows;

/// <summary>Workflow emails went out, to these clients: published after each group of sends is marked sent.</summary>
public sealed record EmailsSent(DateTime At, int Count, IReadOnlyList<int> ClientIds) : LiveChange(At);
