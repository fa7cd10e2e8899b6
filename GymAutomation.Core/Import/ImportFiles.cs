namespace GymAutomation.Core.Import;

/// <summary>A column of an import file (<c>docs/import-format.md</c>): its name in the header row, and whether the file needs it.</summary>
public sealed record ImportColumn(string Name, bool Required);

/// <summary>One of the files of the exchange format, named as in the folder, with its columns.</summary>
public sealed record ImportFile(string Name, IReadOnlyList<ImportColumn> Columns)
{
    public IEnumerable<string> RequiredColumns => Columns.Where(c => c.Required).Select(c => c.Name);
}

/// <summary>The exchange format's files (<c>docs/import-format.md</c>), in the order an import applies them: clients first, as the others refer to them.</summary>
public static class ImportFiles
{
    public static readonly ImportFile Clients = new("clients.csv",
    [
        new("external_id", true), new("first_name", true), new("last_name", false), new("email", false), new("phone", false),
        new("status", true), new("created_at", true), new("source", false), new("email_opt_out", false),
    ]);

    public static readonly ImportFile Memberships = new("memberships.csv",
    [
        new("external_id", true), new("client_external_id", true), new("plan", true), new("start_date", true),
        new("end_date", false), new("status", true), new("price", false),
    ]);

    public static readonly ImportFile Visits = new("visits.csv", [new("client_external_id", true), new("visited_at", true)]);

    public static readonly ImportFile Bookings = new("bookings.csv",
    [
        new("external_id", true), new("client_external_id", true), new("class_name", true), new("class_at", true),
        new("status", true), new("booked_at", true),
    ]);

    public static readonly ImportFile Orders = new("orders.csv",
        [new("external_id", true), new("client_external_id", true), new("total", true), new("created_at", true)]);

    public static readonly ImportFile Payments = new("payments.csv",
    [
        new("external_id", true), new("client_external_id", true), new("amount", true), new("status", true), new("created_at", true),
    ]);

    public static readonly ImportFile Freezes = new("freezes.csv",
    [
        new("client_external_id", true), new("start_date", true), new("end_date", true), new("reason", true),
    ]);

    public static readonly IReadOnlyList<ImportFile> All = [Clients, Memberships, Visits, Bookings, Orders, Payments, Freezes];

    public static ImportFile? Named(string fileName) =>
        All.FirstOrDefault(f => f.Name.Equals(fileName, StringComparison.OrdinalIgnoreCase));
}
