using Logis.Domain.Patrimoine;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence;

public sealed class LogisDbContext(DbContextOptions<LogisDbContext> options) : DbContext(options)
{
    public DbSet<Logement> Logements => Set<Logement>();
}
