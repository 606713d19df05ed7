using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OpenDti.Data.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the context for PostgreSQL migrations; no server is contacted.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<OpenDtiDbContext>
{
    public OpenDtiDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OpenDtiDbContext>()
            .UseOpenDtiDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=design_time")
            .Options);
}
