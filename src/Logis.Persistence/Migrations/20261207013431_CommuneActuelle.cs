using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CommuneActuelle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande");

            migrationBuilder.AddColumn<string>(
                name: "CommuneActuelle",
                table: "demande",
                type: "character varying(5)",
                maxLength: 5,
                nullable: true);

            // The demands already there take the commune of their current housing from their stored content (ColonnesDemande.Valeurs):
            // the JSON of ContenuJson, property names as in C#, the INSEE code as a string (absent or null without a commune).
            if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql("""
                    UPDATE demande
                    SET "CommuneActuelle" = "Contenu"::json -> 'LogementActuel' ->> 'Commune'
                    WHERE "Contenu"::json -> 'LogementActuel' ->> 'Commune' IS NOT NULL;
                    """);

            migrationBuilder.CreateIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande",
                columns: new[] { "EpciSiren", "Statut" })
                .Annotation("Npgsql:IndexInclude", new[] { "CommuneActuelle", "CommunesSouhaitees" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande");

            migrationBuilder.DropColumn(
                name: "CommuneActuelle",
                table: "demande");

            migrationBuilder.CreateIndex(
                name: "IX_demande_EpciSiren_Statut",
                table: "demande",
                columns: new[] { "EpciSiren", "Statut" });
        }
    }
}
