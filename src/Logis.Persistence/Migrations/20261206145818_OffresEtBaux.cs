using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OffresEtBaux : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "offre",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    VacanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    LogementId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumeroRpls = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumeroDemande = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    RangCaleol = table.Column<int>(type: "integer", nullable: true),
                    Adaptee = table.Column<bool>(type: "boolean", nullable: false),
                    FaiteLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FaitePar = table.Column<Guid>(type: "uuid", nullable: false),
                    Echeance = table.Column<DateOnly>(type: "date", nullable: false),
                    Statut = table.Column<int>(type: "integer", nullable: false),
                    RepondueLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MotifRefus = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offre", x => x.Id);
                    table.ForeignKey(
                        name: "FK_offre_vacance_VacanceId",
                        column: x => x.VacanceId,
                        principalTable: "vacance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attribution",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Annee = table.Column<int>(type: "integer", nullable: false),
                    DateSignature = table.Column<DateOnly>(type: "date", nullable: false),
                    DateEffet = table.Column<DateOnly>(type: "date", nullable: false),
                    EnregistreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VacanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    OffreId = table.Column<Guid>(type: "uuid", nullable: false),
                    LogementId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumeroRpls = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReservataireId = table.Column<Guid>(type: "uuid", nullable: true),
                    ConventionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CompteDansFlux = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    QpvCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Typologie = table.Column<int>(type: "integer", nullable: false),
                    Financement = table.Column<int>(type: "integer", nullable: false),
                    Loyer = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Charges = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumeroDemande = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Canal = table.Column<int>(type: "integer", nullable: false),
                    DateDepot = table.Column<DateOnly>(type: "date", nullable: false),
                    DateDernierRenouvellement = table.Column<DateOnly>(type: "date", nullable: true),
                    RessourcesMensuelles = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    RevenuParUc = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    CategorieMenage = table.Column<int>(type: "integer", nullable: true),
                    NombrePersonnes = table.Column<int>(type: "integer", nullable: false),
                    Prioritaire = table.Column<bool>(type: "boolean", nullable: false),
                    Dalo = table.Column<bool>(type: "boolean", nullable: false),
                    Mutation = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneResidenceAvant = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Adaptee = table.Column<bool>(type: "boolean", nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    RangCaleol = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_attribution", x => x.Id);
                    table.ForeignKey(
                        name: "FK_attribution_offre_OffreId",
                        column: x => x.OffreId,
                        principalTable: "offre",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_attribution_vacance_VacanceId",
                        column: x => x.VacanceId,
                        principalTable: "vacance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_demande_evenement_LogementId_Type",
                table: "demande_evenement",
                columns: new[] { "LogementId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_attribution_BailleurId_Annee",
                table: "attribution",
                columns: new[] { "BailleurId", "Annee" });

            migrationBuilder.CreateIndex(
                name: "IX_attribution_DemandeId",
                table: "attribution",
                column: "DemandeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_attribution_EpciSiren_Annee_DateSignature",
                table: "attribution",
                columns: new[] { "EpciSiren", "Annee", "DateSignature" });

            migrationBuilder.CreateIndex(
                name: "IX_attribution_OffreId",
                table: "attribution",
                column: "OffreId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_attribution_ReservataireId_Annee",
                table: "attribution",
                columns: new[] { "ReservataireId", "Annee" });

            migrationBuilder.CreateIndex(
                name: "IX_attribution_VacanceId",
                table: "attribution",
                column: "VacanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_offre_BailleurId_Statut",
                table: "offre",
                columns: new[] { "BailleurId", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_offre_DemandeId_FaiteLe",
                table: "offre",
                columns: new[] { "DemandeId", "FaiteLe" });

            migrationBuilder.CreateIndex(
                name: "IX_offre_EpciSiren_Statut_Echeance",
                table: "offre",
                columns: new[] { "EpciSiren", "Statut", "Echeance" });

            migrationBuilder.CreateIndex(
                name: "IX_offre_une_en_attente_par_demande",
                table: "offre",
                column: "DemandeId",
                unique: true,
                filter: "\"Statut\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_offre_une_en_attente_par_vacance",
                table: "offre",
                column: "VacanceId",
                unique: true,
                filter: "\"Statut\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_offre_VacanceId_FaiteLe",
                table: "offre",
                columns: new[] { "VacanceId", "FaiteLe" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attribution");

            migrationBuilder.DropTable(
                name: "offre");

            migrationBuilder.DropIndex(
                name: "IX_demande_evenement_LogementId_Type",
                table: "demande_evenement");
        }
    }
}
