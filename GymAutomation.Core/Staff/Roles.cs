namespace GymAutomation.Core.Staff;

/// <summary>The four roles of the backoffice, from the widest rights to the narrowest.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Marketer = "Marketer";
    public const string Staff = "Staff";

    public static IReadOnlyList<string> All { get; } = [Admin, Manager, Marketer, Staff];
}
