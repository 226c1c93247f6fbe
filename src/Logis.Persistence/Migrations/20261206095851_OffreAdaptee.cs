using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OffreAdaptee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OffreAdaptee",
                table: "demande_evenement",
                type: "boolean",
                nullable: true);

            // Offers recorded until now carry no qualification: none was qualified adapted, so no past refusal lowers the
            // score any more (R441-2-17). The stored elements of demands with a refusal are emptied, to be computed again
            // by « logis migrate » (ElementsStockes.CompleterAsync) with the domain's rule; the next rescoring updates the totals.
            migrationBuilder.Sql("""
                UPDATE cotation_demande SET "Elements" = ''::bytea
                WHERE "DemandeId" IN (SELECT e."DemandeId" FROM demande_evenement e WHERE e."Type" = 13);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OffreAdaptee",
                table: "demande_evenement");
        }
    }
}
