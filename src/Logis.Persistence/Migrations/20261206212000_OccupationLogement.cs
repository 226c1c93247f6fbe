using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OccupationLogement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "occupation_logement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: false),
                    LogementId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidenceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    QpvCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    DateObservation = table.Column<DateOnly>(type: "date", nullable: false),
                    Personnes = table.Column<int>(type: "integer", nullable: false),
                    EnfantsMineurs = table.Column<int>(type: "integer", nullable: false),
                    Ressources = table.Column<int>(type: "integer", nullable: true),
                    Monoparentale = table.Column<bool>(type: "boolean", nullable: false),
                    SansAdulteEnEmploi = table.Column<bool>(type: "boolean", nullable: false),
                    AideLogement = table.Column<bool>(type: "boolean", nullable: false),
                    DateEntree = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_occupation_logement", x => x.Id);
                    table.ForeignKey(
                        name: "FK_occupation_logement_bailleur_BailleurId",
                        column: x => x.BailleurId,
                        principalTable: "bailleur",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_occupation_logement_logement_LogementId",
                        column: x => x.LogementId,
                        principalTable: "logement",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_occupation_logement_BailleurId",
                table: "occupation_logement",
                column: "BailleurId");

            migrationBuilder.CreateIndex(
                name: "IX_occupation_logement_EpciSiren",
                table: "occupation_logement",
                column: "EpciSiren");

            migrationBuilder.CreateIndex(
                name: "IX_occupation_logement_LogementId",
                table: "occupation_logement",
                column: "LogementId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "occupation_logement");
        }
    }
}
