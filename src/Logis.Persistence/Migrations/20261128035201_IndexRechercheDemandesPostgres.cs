using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IndexRechercheDemandesPostgres : Migration
    {
        /// <summary>
        /// PostgreSQL only (raw SQL: the model and its snapshot do not change; SQLite keeps the model's indexes). The search of
        /// demands (RechercheDemandes) filters an EPCI on small columns and sorts by deposit date then number: these indexes carry
        /// those columns, so the page and the capped count are index-only scans (BENCHMARKS.md, « Fichier de la demande »).
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
            // Same name and key as the model's index, plus the filter columns.
            migrationBuilder.Sql("""
                DROP INDEX "IX_demande_EpciSiren_DateDepot_Numero";
                CREATE INDEX "IX_demande_EpciSiren_DateDepot_Numero" ON demande ("EpciSiren", "DateDepot", "Numero")
                    INCLUDE ("Statut", "Prioritaire", "ToutEpci", "NomDemandeur", "CommunesSouhaitees", "Typologies");
                """);
            // Name prefix (LIKE 'MAR%') whatever the database collation.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_demande_EpciSiren_NomDemandeur_motif" ON demande ("EpciSiren", "NomDemandeur" varchar_pattern_ops)
                    INCLUDE ("DateDepot", "Numero", "Statut", "Prioritaire", "ToutEpci", "CommunesSouhaitees", "Typologies");
                """);
            // Priority demands are few: a small partial index answers « prioritaires » without walking the EPCI.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_demande_EpciSiren_DateDepot_Numero_prioritaires" ON demande ("EpciSiren", "DateDepot", "Numero")
                    INCLUDE ("Statut", "ToutEpci", "NomDemandeur", "CommunesSouhaitees", "Typologies") WHERE "Prioritaire";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
            migrationBuilder.Sql("""
                DROP INDEX "IX_demande_EpciSiren_DateDepot_Numero_prioritaires";
                DROP INDEX "IX_demande_EpciSiren_NomDemandeur_motif";
                DROP INDEX "IX_demande_EpciSiren_DateDepot_Numero";
                CREATE INDEX "IX_demande_EpciSiren_DateDepot_Numero" ON demande ("EpciSiren", "DateDepot", "Numero");
                """);
        }
    }
}
