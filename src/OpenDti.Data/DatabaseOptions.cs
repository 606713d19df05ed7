namespace OpenDti.Data;

/// <summary>The database providers OpenDti supports.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file in the data directory: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for production and several web instances.</summary>
    Postgres,
}

/// <summary>Configuration section <c>OpenDti:Database</c>.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpenDti:Database";

    /// <summary>Sqlite (default) or Postgres.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string. For SQLite, when empty, the file <c>opendti.db</c> in the data directory.
    /// For PostgreSQL, e.g. <c>Host=localhost;Database=opendti;Username=opendti;Password=…</c>.
    /// </summary>
    public string? ConnectionString { get; set; }
}
