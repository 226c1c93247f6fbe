using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EspaceDemandeur : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "DemandeId",
                table: "notification",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.CreateTable(
                name: "code_acces_demande",
                columns: table => new
                {
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Empreinte = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EmisLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_code_acces_demande", x => x.DemandeId);
                    table.ForeignKey(
                        name: "FK_code_acces_demande_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "compte_demandeur",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Courriel = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    MotDePasseHache = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CourrielConfirmeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EchecsConnexion = table.Column<int>(type: "integer", nullable: false),
                    VerrouilleJusqua = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TamponSecurite = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SujetExterne = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compte_demandeur", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "declaration_changement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompteId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclareeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Texte = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PersonnesAuFoyer = table.Column<int>(type: "integer", nullable: true),
                    RessourcesMensuelles = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    NouvelleAdresse = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Statut = table.Column<int>(type: "integer", nullable: false),
                    TraiteeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TraiteePar = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_declaration_changement", x => x.Id);
                    table.ForeignKey(
                        name: "FK_declaration_changement_compte_demandeur_CompteId",
                        column: x => x.CompteId,
                        principalTable: "compte_demandeur",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_declaration_changement_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "jeton_compte",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Empreinte = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ExpireLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UtiliseLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jeton_compte", x => x.Id);
                    table.ForeignKey(
                        name: "FK_jeton_compte_compte_demandeur_CompteId",
                        column: x => x.CompteId,
                        principalTable: "compte_demandeur",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "lien_demandeur",
                columns: table => new
                {
                    CompteId = table.Column<Guid>(type: "uuid", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    LieLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lien_demandeur", x => new { x.CompteId, x.DemandeId });
                    table.ForeignKey(
                        name: "FK_lien_demandeur_compte_demandeur_CompteId",
                        column: x => x.CompteId,
                        principalTable: "compte_demandeur",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_lien_demandeur_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_compte_demandeur_EpciSiren_Courriel",
                table: "compte_demandeur",
                columns: new[] { "EpciSiren", "Courriel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_compte_demandeur_SujetExterne",
                table: "compte_demandeur",
                column: "SujetExterne",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_declaration_changement_CompteId",
                table: "declaration_changement",
                column: "CompteId");

            migrationBuilder.CreateIndex(
                name: "IX_declaration_changement_DemandeId_Statut",
                table: "declaration_changement",
                columns: new[] { "DemandeId", "Statut" });

            migrationBuilder.CreateIndex(
                name: "IX_jeton_compte_CompteId",
                table: "jeton_compte",
                column: "CompteId");

            migrationBuilder.CreateIndex(
                name: "IX_jeton_compte_Empreinte",
                table: "jeton_compte",
                column: "Empreinte",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lien_demandeur_DemandeId",
                table: "lien_demandeur",
                column: "DemandeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "code_acces_demande");

            migrationBuilder.DropTable(
                name: "declaration_changement");

            migrationBuilder.DropTable(
                name: "jeton_compte");

            migrationBuilder.DropTable(
                name: "lien_demandeur");

            migrationBuilder.DropTable(
                name: "compte_demandeur");

            migrationBuilder.AlterColumn<Guid>(
                name: "DemandeId",
                table: "notification",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
