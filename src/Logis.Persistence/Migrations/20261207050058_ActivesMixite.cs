using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ActivesMixite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande");

            migrationBuilder.CreateIndex(
                name: "IX_demande_actives_mixite",
                table: "demande",
                columns: new[] { "EpciSiren", "DateDepot" },
                filter: "\"FusionneeDans\" IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "DateRadiation", "Typologies", "CommunesSouhaitees", "ToutEpci", "CommuneActuelle" });

            migrationBuilder.CreateIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande",
                columns: new[] { "EpciSiren", "Statut" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_demande_actives_mixite",
                table: "demande");

            migrationBuilder.DropIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande");

            migrationBuilder.CreateIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande",
                columns: new[] { "EpciSiren", "Statut" })
                .Annotation("Npgsql:IndexInclude", new[] { "CommuneActuelle", "CommunesSouhaitees" });
        }
    }
}
