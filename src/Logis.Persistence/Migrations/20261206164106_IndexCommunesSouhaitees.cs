using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IndexCommunesSouhaitees : Migration
    {
        /// <summary>
        /// On PostgreSQL only (raw SQL, the model does not change): a trigram index on the wished communes (« |83034|83137| »), so that the
        /// pre-selection of a dwelling in a little-wished commune starts from the demands wishing it instead of reading the whole EPCI in score
        /// order (BENCHMARKS.md); with it, a partial index of the demands wishing the whole EPCI, the other arm of the commune condition.
        /// pg_trgm is a contrib extension, trusted since PostgreSQL 13; where it is missing or may not be created, the
        /// migration goes on without the index (the query is the same, only slower) and says so in the server's log.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql("""
                    CREATE INDEX IF NOT EXISTS "IX_demande_tout_epci" ON demande ("EpciSiren") WHERE "ToutEpci";
                    DO $$
                    BEGIN
                        IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
                            CREATE EXTENSION IF NOT EXISTS pg_trgm;
                            CREATE INDEX IF NOT EXISTS "IX_demande_communes_souhaitees" ON demande USING gin ("CommunesSouhaitees" gin_trgm_ops);
                        ELSE
                            RAISE NOTICE 'pg_trgm absent : présélection sans index des communes souhaitées';
                        END IF;
                    EXCEPTION WHEN insufficient_privilege THEN
                        RAISE NOTICE 'pg_trgm non créé (droits) : présélection sans index des communes souhaitées';
                    END $$;
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_demande_communes_souhaitees"; DROP INDEX IF EXISTS "IX_demande_tout_epci";""");
        }
    }
}
