using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CandidaturesEtSeuilPremierQuartile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
            migrationBuilder.DropTable(
                name: "candidature");

            migrationBuilder.DropTable(
                name: "seuil_premier_quartile");
        }
    }
}
