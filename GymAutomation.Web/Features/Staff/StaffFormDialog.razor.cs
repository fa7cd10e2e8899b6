using GymAutomation.Core.Data;
using GymAutomation.Core.Staff;
using GymAutomation.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace GymAutomation.Web.Features.Staff;

/// <summary>
/// Adds a staff member (<see cref="Member"/> null) or edits one. The save goes to <see cref="StaffAccounts"/>,
/// whose errors show next to their fields; the dialog closes with the saved <see cref="StaffUser"/> only on success.
/// </summary>
public partial class StaffFormDialog
{
    private readonly StaffInput input = new();
    private readonly FormErrors errors = new();
    private bool showPassword;

    /// <summary>The member to edit; null to add a new one.</summary>
    [Parameter]
    public StaffMember? Member { get; set; }

    /// <summary>The signed-in administrator, whom the accounts service keeps from removing their own Admin role.</summary>
    [Parameter, EditorRequired]
    public string ActingUserId { get; set; } = "";

    private bool LocksOwnAdmin => Member is not null && Member.Id == ActingUserId && Member.Roles.Contains(Roles.Admin);

    private string SavedMessage => S[Member is null ? "AddedDone" : "UpdatedDone", input.DisplayName.Trim()];

    protected override void OnInitialized()
    {
        if (Member is not null)
        {
            input.DisplayName = Member.DisplayName;
            input.Email = Member.Email;
            input.Roles = [.. Member.Roles];
        }
    }

    private void OnRolesChanged(IReadOnlyCollection<string> roles)
    {
        input.Roles = roles;
        errors.Clear(nameof(StaffInput.Roles));
    }

    private async Task<object?> SaveAsync() =>
        errors.From(Member is null
            ? await Accounts.CreateAsync(input)
            : await Accounts.UpdateAsync(Member.Id, input, ActingUserId));
}
