using GymAutomation.Core.Live;

namespace GymAutomation.Core.Workflows;

/// <summary>Workflow emails went out: published after each group of sends is marked sent.</summary>
public sealed record EmailsSent(DateTime At, int Count) : LiveChange(At);
