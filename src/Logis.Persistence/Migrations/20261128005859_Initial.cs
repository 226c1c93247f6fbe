using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bailleur",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Forme = table.Column<int>(type: "integer", nullable: false),
                    Siren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bailleur", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bailleur_territoire",
                columns: table => new
                {
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bailleur_territoire", x => new { x.BailleurId, x.EpciSiren });
                });

            migrationBuilder.CreateTable(
                name: "client_api",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReservataireId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    EmpreinteCle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Actif = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_api", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "commune",
                columns: table => new
                {
                    CodeInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Departement = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Region = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Population = table.Column<int>(type: "integer", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    Zone = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commune", x => x.CodeInsee);
                });

            migrationBuilder.CreateTable(
                name: "epci",
                columns: table => new
                {
                    Siren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Population = table.Column<int>(type: "integer", nullable: false),
                    NombreCommunes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_epci", x => x.Siren);
                });

            migrationBuilder.CreateTable(
                name: "logement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NumeroRpls = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ResidenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    QpvCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    NombrePieces = table.Column<int>(type: "integer", nullable: false),
                    Typologie = table.Column<int>(type: "integer", nullable: false),
                    SurfaceHabitable = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Etage = table.Column<int>(type: "integer", nullable: false),
                    Ascenseur = table.Column<bool>(type: "boolean", nullable: false),
                    AccessiblePmr = table.Column<bool>(type: "boolean", nullable: false),
                    Individuel = table.Column<bool>(type: "boolean", nullable: false),
                    Financement = table.Column<int>(type: "integer", nullable: false),
                    LoyerPrincipal = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Charges = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    ClasseEnergie = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_logement", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "qpv",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Communes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_qpv", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "reservataire",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservataire", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "residence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Adresse = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    QpvCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    AnneeConstruction = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_residence", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "territoire_heberge",
                columns: table => new
                {
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    CreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Graine = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_territoire_heberge", x => x.EpciSiren);
                });

            migrationBuilder.CreateTable(
                name: "utilisateur",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Identifiant = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NomComplet = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReservataireId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    MotDePasseHache = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EchecsConnexion = table.Column<int>(type: "integer", nullable: false),
                    VerrouilleJusqua = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_utilisateur", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_client_api_EmpreinteCle",
                table: "client_api",
                column: "EmpreinteCle",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_commune_EpciSiren",
                table: "commune",
                column: "EpciSiren");

            migrationBuilder.CreateIndex(
                name: "IX_logement_BailleurId_CommuneInsee",
                table: "logement",
                columns: new[] { "BailleurId", "CommuneInsee" });

            migrationBuilder.CreateIndex(
                name: "IX_logement_CommuneInsee_Typologie",
                table: "logement",
                columns: new[] { "CommuneInsee", "Typologie" });

            migrationBuilder.CreateIndex(
                name: "IX_logement_NumeroRpls",
                table: "logement",
                column: "NumeroRpls",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_logement_ResidenceId",
                table: "logement",
                column: "ResidenceId");

            migrationBuilder.CreateIndex(
                name: "IX_qpv_EpciSiren",
                table: "qpv",
                column: "EpciSiren");

            migrationBuilder.CreateIndex(
                name: "IX_reservataire_EpciSiren",
                table: "reservataire",
                column: "EpciSiren");

            migrationBuilder.CreateIndex(
                name: "IX_residence_BailleurId",
                table: "residence",
                column: "BailleurId");

            migrationBuilder.CreateIndex(
                name: "IX_residence_CommuneInsee",
                table: "residence",
                column: "CommuneInsee");

            migrationBuilder.CreateIndex(
                name: "IX_utilisateur_Identifiant",
                table: "utilisateur",
                column: "Identifiant",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bailleur");

            migrationBuilder.DropTable(
                name: "bailleur_territoire");

            migrationBuilder.DropTable(
                name: "client_api");

            migrationBuilder.DropTable(
                name: "commune");

            migrationBuilder.DropTable(
                name: "epci");

            migrationBuilder.DropTable(
                name: "logement");

            migrationBuilder.DropTable(
                name: "qpv");

            migrationBuilder.DropTable(
                name: "reservataire");

            migrationBuilder.DropTable(
                name: "residence");

            migrationBuilder.DropTable(
                name: "territoire_heberge");

            migrationBuilder.DropTable(
                name: "utilisateur");
        }
    }
}
