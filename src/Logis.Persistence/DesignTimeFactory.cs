using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Logis.Persistence;

/// <summary>Used by <c>dotnet ef migrations add</c>: migrations are written for PostgreSQL.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LogisDbContext>
{
    public LogisDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = "Host=localhost;Database=logis" });
        return new LogisDbContext(b.Options);
    }
}
