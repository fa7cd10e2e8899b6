using GymAutomation.Core.Staff;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GymAutomation.Web.Components.Staff;

/// <summary>
/// Adds a staff member (<see cref="Member"/> null) or edits one. The save goes to <see cref="StaffAccounts"/>,
/// whose errors show next to their fields; the dialog closes with the saved display name only on success.
/// </summary>
public partial class StaffFormDialog
{
    private readonly StaffInput input = new();
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private bool showPassword;
    private bool saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The member to edit; null to add a new one.</summary>
    [Parameter]
    public StaffMember? Member { get; set; }

    /// <summary>The signed-in administrator, whom the accounts service keeps from removing their own Admin role.</summary>
    [Parameter, EditorRequired]
    public string ActingUserId { get; set; } = "";

    private bool LocksOwnAdmin => Member is not null && Member.Id == ActingUserId && Member.Roles.Contains(Roles.Admin);

    /// <summary>Errors that belong to no field (the member was removed meanwhile, for example).</summary>
    private string? FormErrors => errors.TryGetValue("", out var messages) ? string.Join(" ", messages) : null;

    protected override void OnInitialized()
    {
        if (Member is not null)
        {
            input.DisplayName = Member.DisplayName;
            input.Email = Member.Email;
            input.Roles = [.. Member.Roles];
        }
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? ErrorOf(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private void Clear(string field)
    {
        if (errors.ContainsKey(field))
        {
            errors = errors.Where(e => e.Key != field).ToDictionary();
        }
    }

    private void OnRolesChanged(IReadOnlyCollection<string> roles)
    {
        input.Roles = roles;
        Clear(nameof(StaffInput.Roles));
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var result = Member is null
                ? await Accounts.CreateAsync(input)
                : await Accounts.UpdateAsync(Member.Id, input, ActingUserId);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value!.DisplayName));
                return;
            }

            errors = result.Errors;
        }
        finally
        {
            saving = false;
        }
    }
}
