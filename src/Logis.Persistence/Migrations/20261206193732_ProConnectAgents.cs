using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProConnectAgents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SujetProConnect",
                table: "utilisateur",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_utilisateur_SujetProConnect",
                table: "utilisateur",
                column: "SujetProConnect",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_utilisateur_SujetProConnect",
                table: "utilisateur");

            migrationBuilder.DropColumn(
                name: "SujetProConnect",
                table: "utilisateur");
        }
    }
}
