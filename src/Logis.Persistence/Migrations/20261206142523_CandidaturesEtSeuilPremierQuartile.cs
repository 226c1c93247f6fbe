using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CandidaturesEtSeuilPremierQuartile : Migration
    {
        /// <summary>
        /// Candidatures and first-quartile thresholds; on PostgreSQL only (raw SQL, the model does not change), the index the pre-selection
        /// reads in its ranking order: active demands of an EPCI by score, highest first, no score last (BENCHMARKS.md, « Présélection »).
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql("""
                    CREATE INDEX "IX_cotation_demande_preselection" ON cotation_demande ("EpciSiren", ("Total" IS NULL), "Total" DESC)
                        INCLUDE ("DemandeId") WHERE "Statut" = 1;
                    """);
            migrationBuilder.CreateTable(
                name: "candidature",
                columns: table => new
                {
                    VacanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Numero = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    RangProposition = table.Column<int>(type: "integer", nullable: false),
                    ProposeeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProposeeParId = table.Column<Guid>(type: "uuid", nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReservataireId = table.Column<Guid>(type: "uuid", nullable: true),
                    Motifs = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_candidature", x => new { x.VacanceId, x.DemandeId });
                    table.ForeignKey(
                        name: "FK_candidature_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_candidature_vacance_VacanceId",
                        column: x => x.VacanceId,
                        principalTable: "vacance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "seuil_premier_quartile",
                columns: table => new
                {
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Annee = table.Column<int>(type: "integer", nullable: false),
                    Montant = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Demonstration = table.Column<bool>(type: "boolean", nullable: false),
                    DefiniLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seuil_premier_quartile", x => new { x.EpciSiren, x.Annee });
                });

            migrationBuilder.CreateIndex(
                name: "IX_candidature_DemandeId",
                table: "candidature",
                column: "DemandeId");

            migrationBuilder.CreateIndex(
                name: "IX_candidature_VacanceId_RangProposition",
                table: "candidature",
                columns: new[] { "VacanceId", "RangProposition" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql("""DROP INDEX "IX_cotation_demande_preselection";""");
            migrationBuilder.DropTable(
                name: "candidature");

            migrationBuilder.DropTable(
                name: "seuil_premier_quartile");
        }
    }
}
