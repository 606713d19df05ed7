using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpenDti.Data.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the context for SQLite migrations; no database is touched.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OpenDtiDbContext>
{
    public OpenDtiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OpenDtiDbContext>()
            .UseOpenDtiDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db")
            .Options);
}
