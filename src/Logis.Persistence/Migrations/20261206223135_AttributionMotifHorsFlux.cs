using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AttributionMotifHorsFlux : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HorsFlux",
                table: "attribution",
                type: "integer",
                nullable: true);

            // Leases recorded before: their vacancy (attributed, no longer modified) still carries the reason it had at the signature.
            migrationBuilder.Sql("""
                UPDATE attribution SET "HorsFlux" = v."HorsFlux" FROM vacance v WHERE v."Id" = attribution."VacanceId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HorsFlux",
                table: "attribution");
        }
    }
}
