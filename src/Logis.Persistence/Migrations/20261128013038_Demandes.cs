using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Demandes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Quand = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuteurId = table.Column<Guid>(type: "uuid", nullable: false),
                    Auteur = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "demande",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Numero = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    Canal = table.Column<int>(type: "integer", nullable: false),
                    Statut = table.Column<int>(type: "integer", nullable: false),
                    DateDepot = table.Column<DateOnly>(type: "date", nullable: false),
                    DateDernierRenouvellement = table.Column<DateOnly>(type: "date", nullable: true),
                    RappelEnvoyeLe = table.Column<DateOnly>(type: "date", nullable: true),
                    IrrecevabiliteLe = table.Column<DateOnly>(type: "date", nullable: true),
                    Contenu = table.Column<string>(type: "text", nullable: false),
                    MotifRadiation = table.Column<int>(type: "integer", nullable: true),
                    DateRadiation = table.Column<DateOnly>(type: "date", nullable: true),
                    FusionneeDans = table.Column<Guid>(type: "uuid", nullable: true),
                    CommunesSouhaitees = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    NomDemandeur = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Prioritaire = table.Column<bool>(type: "boolean", nullable: false),
                    ToutEpci = table.Column<bool>(type: "boolean", nullable: false),
                    Typologies = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demande", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sequence_numero",
                columns: table => new
                {
                    Departement = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Annee = table.Column<int>(type: "integer", nullable: false),
                    Dernier = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sequence_numero", x => new { x.Departement, x.Annee });
                });

            migrationBuilder.CreateTable(
                name: "demande_avertissement",
                columns: table => new
                {
                    Motif = table.Column<int>(type: "integer", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    EnvoyeLe = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demande_avertissement", x => new { x.DemandeId, x.Motif });
                    table.ForeignKey(
                        name: "FK_demande_avertissement_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "demande_evenement",
                columns: table => new
                {
                    Rang = table.Column<int>(type: "integer", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Quand = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuteurId = table.Column<Guid>(type: "uuid", nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Resume = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    LogementId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demande_evenement", x => new { x.DemandeId, x.Rang });
                    table.ForeignKey(
                        name: "FK_demande_evenement_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "demande_situation_prioritaire",
                columns: table => new
                {
                    Critere = table.Column<int>(type: "integer", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Statut = table.Column<int>(type: "integer", nullable: false),
                    DeclareeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeclareePar = table.Column<Guid>(type: "uuid", nullable: false),
                    ValideeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ValideePar = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_demande_situation_prioritaire", x => new { x.DemandeId, x.Critere });
                    table.ForeignKey(
                        name: "FK_demande_situation_prioritaire_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_DemandeId",
                table: "audit",
                column: "DemandeId");

            migrationBuilder.CreateIndex(
                name: "IX_demande_EpciSiren_NomDemandeur",
                table: "demande",
                columns: new[] { "EpciSiren", "NomDemandeur" });

            migrationBuilder.CreateIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande",
                columns: new[] { "EpciSiren", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_demande_Numero",
                table: "demande",
                column: "Numero",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "demande_avertissement");

            migrationBuilder.DropTable(
                name: "demande_evenement");

            migrationBuilder.DropTable(
                name: "demande_situation_prioritaire");

            migrationBuilder.DropTable(
                name: "sequence_numero");

            migrationBuilder.DropTable(
                name: "demande");
        }
    }
}
