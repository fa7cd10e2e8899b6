using GymAutomation.Core.Email;

namespace GymAutomation.Web.Features.Email.Builder;

/// <summary>
/// A block on the builder's list. Blocks are records, equal when their fields are: two empty dividers are one
/// value, but two cards to drag and remove. This holder gives each card its own identity.
/// </summary>
public sealed class BuilderBlock(EmailBlock block)
{
    public EmailBlock Block { get; set; } = block;
}
