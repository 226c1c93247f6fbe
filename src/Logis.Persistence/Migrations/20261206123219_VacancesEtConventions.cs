using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VacancesEtConventions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "convention_reservation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReservataireId = table.Column<Guid>(type: "uuid", nullable: false),
                    TypeReservataire = table.Column<int>(type: "integer", nullable: false),
                    CommuneCouverte = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Part = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    DelaiPropositionJours = table.Column<int>(type: "integer", nullable: false),
                    EnregistreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SousObjectifs = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_convention_reservation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_convention_reservation_reservataire_ReservataireId",
                        column: x => x.ReservataireId,
                        principalTable: "reservataire",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vacance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    LogementId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumeroRpls = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    QpvCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Financement = table.Column<int>(type: "integer", nullable: false),
                    Typologie = table.Column<int>(type: "integer", nullable: false),
                    AccessiblePmr = table.Column<bool>(type: "boolean", nullable: false),
                    DateDisponibilite = table.Column<DateOnly>(type: "date", nullable: false),
                    Loyer = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Charges = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    HorsFlux = table.Column<int>(type: "integer", nullable: true),
                    Statut = table.Column<int>(type: "integer", nullable: false),
                    DeclareeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReservataireId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrienteeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnneeFlux = table.Column<int>(type: "integer", nullable: true),
                    EcheanceProposition = table.Column<DateOnly>(type: "date", nullable: true),
                    MotifOrientation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RendueLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CandidatsProposesLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetireeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MotifRetrait = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vacance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_vacance_logement_LogementId",
                        column: x => x.LogementId,
                        principalTable: "logement",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_vacance_reservataire_ReservataireId",
                        column: x => x.ReservataireId,
                        principalTable: "reservataire",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "vacance_evenement",
                columns: table => new
                {
                    Rang = table.Column<int>(type: "integer", nullable: false),
                    VacanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Quand = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuteurId = table.Column<Guid>(type: "uuid", nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Resume = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vacance_evenement", x => new { x.VacanceId, x.Rang });
                    table.ForeignKey(
                        name: "FK_vacance_evenement_vacance_VacanceId",
                        column: x => x.VacanceId,
                        principalTable: "vacance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_convention_reservation_BailleurId_ReservataireId",
                table: "convention_reservation",
                columns: new[] { "BailleurId", "ReservataireId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_convention_reservation_EpciSiren_BailleurId",
                table: "convention_reservation",
                columns: new[] { "EpciSiren", "BailleurId" });

            migrationBuilder.CreateIndex(
                name: "IX_convention_reservation_ReservataireId",
                table: "convention_reservation",
                column: "ReservataireId");

            migrationBuilder.CreateIndex(
                name: "IX_vacance_BailleurId_AnneeFlux",
                table: "vacance",
                columns: new[] { "BailleurId", "AnneeFlux" });

            migrationBuilder.CreateIndex(
                name: "IX_vacance_EpciSiren_Statut",
                table: "vacance",
                columns: new[] { "EpciSiren", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_vacance_LogementId",
                table: "vacance",
                column: "LogementId");

            migrationBuilder.CreateIndex(
                name: "IX_vacance_ReservataireId_Statut",
                table: "vacance",
                columns: new[] { "ReservataireId", "Statut" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "convention_reservation");

            migrationBuilder.DropTable(
                name: "vacance_evenement");

            migrationBuilder.DropTable(
                name: "vacance");
        }
    }
}
