namespace GymAutomation.Core.Data;

/// <summary>Which database engine holds the gym: SQLite for one gym on one machine, PostgreSQL for several instances.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> section of the settings; <c>ConnectionStrings:Gym</c> says where the database is.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
