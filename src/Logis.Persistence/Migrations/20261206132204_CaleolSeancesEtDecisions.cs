using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CaleolSeancesEtDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DecisionCaleol",
                table: "demande_evenement",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RangCaleol",
                table: "demande_evenement",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "caleol_seance",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Modalite = table.Column<int>(type: "integer", nullable: false),
                    ClotureVotes = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreeeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CloseLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_caleol_seance", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "caleol_dossier",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SeanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordre = table.Column<int>(type: "integer", nullable: false),
                    VacanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    LogementId = table.Column<Guid>(type: "uuid", nullable: false),
                    NumeroRpls = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Typologie = table.Column<int>(type: "integer", nullable: false),
                    Financement = table.Column<int>(type: "integer", nullable: false),
                    ReservataireId = table.Column<Guid>(type: "uuid", nullable: true),
                    Exception = table.Column<int>(type: "integer", nullable: true),
                    InscritLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecideLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_caleol_dossier", x => x.Id);
                    table.ForeignKey(
                        name: "FK_caleol_dossier_caleol_seance_SeanceId",
                        column: x => x.SeanceId,
                        principalTable: "caleol_seance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_caleol_dossier_vacance_VacanceId",
                        column: x => x.VacanceId,
                        principalTable: "vacance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "caleol_membre",
                columns: table => new
                {
                    Rang = table.Column<int>(type: "integer", nullable: false),
                    SeanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Nom = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Qualite = table.Column<int>(type: "integer", nullable: false),
                    President = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_caleol_membre", x => new { x.SeanceId, x.Rang });
                    table.ForeignKey(
                        name: "FK_caleol_membre_caleol_seance_SeanceId",
                        column: x => x.SeanceId,
                        principalTable: "caleol_seance",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "caleol_candidat",
                columns: table => new
                {
                    Rang = table.Column<int>(type: "integer", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Numero = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    AjouteParBailleur = table.Column<bool>(type: "boolean", nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: true),
                    RangAttribution = table.Column<int>(type: "integer", nullable: true),
                    Precision = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PieceManquante = table.Column<int>(type: "integer", nullable: true),
                    PieceAttendueAvant = table.Column<DateOnly>(type: "date", nullable: true),
                    DecideLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Motifs = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_caleol_candidat", x => new { x.DossierId, x.Rang });
                    table.ForeignKey(
                        name: "FK_caleol_candidat_caleol_dossier_DossierId",
                        column: x => x.DossierId,
                        principalTable: "caleol_dossier",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "caleol_vote",
                columns: table => new
                {
                    Candidat = table.Column<int>(type: "integer", nullable: false),
                    Membre = table.Column<int>(type: "integer", nullable: false),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: false),
                    Decision = table.Column<int>(type: "integer", nullable: false),
                    Quand = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_caleol_vote", x => new { x.DossierId, x.Candidat, x.Membre });
                    table.ForeignKey(
                        name: "FK_caleol_vote_caleol_dossier_DossierId",
                        column: x => x.DossierId,
                        principalTable: "caleol_dossier",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_caleol_candidat_DemandeId",
                table: "caleol_candidat",
                column: "DemandeId");

            migrationBuilder.CreateIndex(
                name: "IX_caleol_dossier_EpciSiren_ReservataireId",
                table: "caleol_dossier",
                columns: new[] { "EpciSiren", "ReservataireId" });

            migrationBuilder.CreateIndex(
                name: "IX_caleol_dossier_SeanceId_Ordre",
                table: "caleol_dossier",
                columns: new[] { "SeanceId", "Ordre" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_caleol_dossier_VacanceId",
                table: "caleol_dossier",
                column: "VacanceId");

            migrationBuilder.CreateIndex(
                name: "IX_caleol_seance_EpciSiren_BailleurId_Date",
                table: "caleol_seance",
                columns: new[] { "EpciSiren", "BailleurId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "caleol_candidat");

            migrationBuilder.DropTable(
                name: "caleol_membre");

            migrationBuilder.DropTable(
                name: "caleol_vote");

            migrationBuilder.DropTable(
                name: "caleol_dossier");

            migrationBuilder.DropTable(
                name: "caleol_seance");

            migrationBuilder.DropColumn(
                name: "DecisionCaleol",
                table: "demande_evenement");

            migrationBuilder.DropColumn(
                name: "RangCaleol",
                table: "demande_evenement");
        }
    }
}
