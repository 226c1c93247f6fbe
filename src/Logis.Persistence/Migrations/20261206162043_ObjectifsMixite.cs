using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ObjectifsMixite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "objectif_mixite",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Annee = table.Column<int>(type: "integer", nullable: false),
                    Nature = table.Column<int>(type: "integer", nullable: false),
                    BailleurId = table.Column<Guid>(type: "uuid", nullable: true),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    ReservataireId = table.Column<Guid>(type: "uuid", nullable: true),
                    Taux = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DefiniLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_objectif_mixite", x => x.Id);
                    table.ForeignKey(
                        name: "FK_objectif_mixite_bailleur_BailleurId",
                        column: x => x.BailleurId,
                        principalTable: "bailleur",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_objectif_mixite_reservataire_ReservataireId",
                        column: x => x.ReservataireId,
                        principalTable: "reservataire",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_objectif_mixite_BailleurId",
                table: "objectif_mixite",
                column: "BailleurId");

            migrationBuilder.CreateIndex(
                name: "IX_objectif_mixite_EpciSiren_Annee",
                table: "objectif_mixite",
                columns: new[] { "EpciSiren", "Annee" });

            migrationBuilder.CreateIndex(
                name: "IX_objectif_mixite_ReservataireId",
                table: "objectif_mixite",
                column: "ReservataireId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "objectif_mixite");
        }
    }
}
