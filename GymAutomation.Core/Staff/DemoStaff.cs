
namespace GymAutomation.Core.Staff;

/// <summary>
/// The demo's sign-ins, one per role. The README and the tests quote these; the admin is the bootstrap
/// administrator of the root appsettings.json, so keep <c>Bootstrap</c> there in step with it.
/// </summary>
public static class DemoStaff
{
    public const string AdminEmail = "admin@demo.gym";
    public const string AdminPassword = "Demo.Admin.2026";
    public const string AdminName = "Administrator";

    public const string ManagerEmail = "manager@demo.gym";
    public const string ManagerPassword = "Demo.Manager.2026";
    public const string ManagerName = "Marta Ruiz";

    public const string MarketerEmail = "marketer@demo.gym";
    public const string MarketerPassword = "Demo.Marketer.2026";
    public const string MarketerName = "Diego Navarro";

    public const string StaffEmail = "staff@demo.gym";
    public const string StaffPassword = "Demo.Staff.2026";
    public const string StaffName = "Lucía Fernández";

    public static IReadOnlyList<DemoStaffAccount> Accounts { get; } =
    [
        new(AdminEmail, AdminPassword, AdminName, Roles.Admin),
        new(ManagerEmail, ManagerPassword, ManagerName, Roles.Manager),
        new(MarketerEmail, MarketerPassword, MarketerName, Roles.Marketer),
        new(StaffEmail, StaffPassword, StaffName, Roles.Staff),
    ];
}

public sealed record DemoStaffAccount(string Email, string Password, string DisplayName, string Role);
