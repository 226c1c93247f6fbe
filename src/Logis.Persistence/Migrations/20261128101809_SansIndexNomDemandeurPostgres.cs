using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SansIndexNomDemandeurPostgres : Migration
    {
        /// <summary>
        /// PostgreSQL only (raw SQL: the model keeps the index, which SQLite uses for the name prefix). On PostgreSQL the name
        /// search is served by "IX_demande_EpciSiren_NomDemandeur_motif" (covering, varchar_pattern_ops); the plain index served no
        /// query (plans of every query on demande compared with and without it, bench/copie-serveur/RESULTATS.md) and cost server work on every
        /// import (measured: BENCHMARKS.md, « Fichier de la demande », « Import : objectif atteint », point 3; ADR 0008).
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
            migrationBuilder.Sql("""DROP INDEX "IX_demande_EpciSiren_NomDemandeur";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
            migrationBuilder.Sql("""CREATE INDEX "IX_demande_EpciSiren_NomDemandeur" ON demande ("EpciSiren", "NomDemandeur");""");
        }
    }
}
