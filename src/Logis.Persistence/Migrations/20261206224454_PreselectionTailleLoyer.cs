using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PreselectionTailleLoyer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_preselection_demande_ordre",
                table: "preselection_demande");

            migrationBuilder.AddColumn<int>(
                name: "LoyerMaximumCentimes",
                table: "preselection_demande",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NombrePersonnes",
                table: "preselection_demande",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The rows already there take their demand's values (EntreePreselection.Pour): persons of the stored content, maximum rent
            // in cents rounded up. The content is the JSON of ContenuJson (property names as in C#).
            if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql("""
                    UPDATE preselection_demande p
                    SET "NombrePersonnes" = COALESCE(json_array_length(d."Contenu"::json -> 'Personnes'), 0),
                        "LoyerMaximumCentimes" = LEAST(ceil((d."Contenu"::json -> 'Souhaits' ->> 'LoyerMaximum')::numeric * 100), 2147483647)::integer
                    FROM demande d
                    WHERE d."Id" = p."DemandeId";
                    """);

            migrationBuilder.CreateIndex(
                name: "IX_preselection_demande_ordre",
                table: "preselection_demande",
                columns: new[] { "EpciSiren", "Commune", "Typologie", "Total", "DateDepot", "Numero", "DemandeId" },
                descending: new[] { false, false, false, true, false, false, false })
                .Annotation("Npgsql:IndexInclude", new[] { "NombrePersonnes", "LoyerMaximumCentimes" })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsLast, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_preselection_demande_ordre",
                table: "preselection_demande");

            migrationBuilder.DropColumn(
                name: "LoyerMaximumCentimes",
                table: "preselection_demande");

            migrationBuilder.DropColumn(
                name: "NombrePersonnes",
                table: "preselection_demande");

            migrationBuilder.CreateIndex(
                name: "IX_preselection_demande_ordre",
                table: "preselection_demande",
                columns: new[] { "EpciSiren", "Commune", "Typologie", "Total", "DateDepot", "Numero", "DemandeId" },
                descending: new[] { false, false, false, true, false, false, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsLast, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified });
        }
    }
}
