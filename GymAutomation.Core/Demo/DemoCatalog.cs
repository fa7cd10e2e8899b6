namespace GymAutomation.Core.Demo;

/// <summary>What the demo gym sells and teaches, and where its clients come from.</summary>
internal static class DemoCatalog
{
    public static readonly DemoPlan Basic = new("Basic", 39.90m, Months: null);
    public static readonly DemoPlan Premium = new("Premium (classes included)", 59.90m, Months: null);
    public static readonly DemoPlan Student = new("Student", 29.90m, Months: null);
    public static readonly DemoPlan OffPeak = new("Off-Peak", 32.90m, Months: null);
    public static readonly DemoPlan Quarterly = new("Quarterly", 105.00m, Months: 3);
    public static readonly DemoPlan Annual = new("Annual", 399.00m, Months: 12);
    public static readonly DemoPlan FreeTrial = new("Free Trial (7 days)", 0m, Months: null);

    /// <summary>The weekly class timetable, in the gym's local time.</summary>
    public static readonly DemoClassSlot[] Timetable =
    [
        new(DayOfWeek.Monday, At(7, 0), "Spinning"),
        new(DayOfWeek.Monday, At(9, 30), "Pilates"),
        new(DayOfWeek.Monday, At(13, 15), "HIIT"),
        new(DayOfWeek.Monday, At(18, 30), "CrossFit"),
        new(DayOfWeek.Monday, At(19, 30), "Body Pump"),
        new(DayOfWeek.Monday, At(20, 30), "Zumba"),
        new(DayOfWeek.Tuesday, At(7, 0), "CrossFit"),
        new(DayOfWeek.Tuesday, At(10, 0), "Yoga"),
        new(DayOfWeek.Tuesday, At(14, 0), "Pilates"),
        new(DayOfWeek.Tuesday, At(18, 0), "Spinning"),
        new(DayOfWeek.Tuesday, At(19, 0), "Pilates"),
        new(DayOfWeek.Tuesday, At(20, 0), "Boxing"),
        new(DayOfWeek.Wednesday, At(7, 0), "Spinning"),
        new(DayOfWeek.Wednesday, At(9, 30), "Body Pump"),
        new(DayOfWeek.Wednesday, At(13, 15), "Yoga"),
        new(DayOfWeek.Wednesday, At(18, 30), "Yoga"),
        new(DayOfWeek.Wednesday, At(19, 30), "CrossFit"),
        new(DayOfWeek.Wednesday, At(20, 30), "Zumba"),
        new(DayOfWeek.Thursday, At(7, 0), "CrossFit"),
        new(DayOfWeek.Thursday, At(10, 0), "Pilates"),
        new(DayOfWeek.Thursday, At(14, 0), "HIIT"),
        new(DayOfWeek.Thursday, At(18, 0), "Spinning"),
        new(DayOfWeek.Thursday, At(19, 0), "Body Pump"),
        new(DayOfWeek.Thursday, At(20, 0), "HIIT"),
        new(DayOfWeek.Friday, At(7, 0), "Spinning"),
        new(DayOfWeek.Friday, At(9, 30), "Yoga"),
        new(DayOfWeek.Friday, At(18, 0), "Zumba"),
        new(DayOfWeek.Friday, At(19, 0), "CrossFit"),
        new(DayOfWeek.Saturday, At(10, 0), "Spinning"),
        new(DayOfWeek.Saturday, At(11, 0), "Body Pump"),
        new(DayOfWeek.Saturday, At(12, 0), "Yoga"),
        new(DayOfWeek.Sunday, At(10, 30), "Yoga"),
    ];

    public static readonly DemoProduct[] Shop =
    [
        new("Water 500 ml", 1.00m, 30),
        new("Isotonic drink", 2.20m, 14),
        new("Protein bar", 2.50m, 16),
        new("Protein shake", 4.50m, 12),
        new("Coffee", 1.40m, 10),
        new("Towel", 12.90m, 3),
        new("Padlock", 6.50m, 2),
        new("Shaker bottle", 9.90m, 3),
        new("Training gloves", 19.90m, 2),
        new("Personal training session", 35.00m, 3),
        new("Massage (30 min)", 30.00m, 2),
    ];

    public static readonly (string Source, int Weight)[] Sources =
    [
        ("web", 25), ("instagram", 20), ("referral", 18), ("walk-in", 15), ("facebook-ads", 12), ("google-ads", 7), ("corporate", 3),
    ];

    /// <summary>Reserved for examples (RFC 2606): a demo address never reaches a real mailbox, whatever the mail settings.</summary>
    public static readonly string[] EmailDomains = ["example.com", "example.com", "example.org", "example.net"];

    private static int At(int hour, int minute) => (hour * 60) + minute;
}

internal sealed record DemoPlan(string Name, decimal Price, int? Months);

/// <summary>A class on the timetable; <see cref="Minute"/> is the minute of the day it starts.</summary>
internal sealed record DemoClassSlot(DayOfWeek Day, int Minute, string Name);

internal sealed record DemoProduct(string Name, decimal Price, int Weight);
