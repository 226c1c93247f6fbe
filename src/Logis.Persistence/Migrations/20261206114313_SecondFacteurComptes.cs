using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SecondFacteurComptes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CodesSecours",
                table: "utilisateur",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DernierPasTotp",
                table: "utilisateur",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DispenseSecondFacteur",
                table: "utilisateur",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SecondFacteurActif",
                table: "utilisateur",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SecretTotp",
                table: "utilisateur",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
            // Demo accounts seeded before (seed-demo only, identifiers under the reserved « .demo » suffix) keep opening with the password.
            migrationBuilder.Sql("UPDATE utilisateur SET \"DispenseSecondFacteur\" = true WHERE \"Identifiant\" LIKE '%.demo';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CodesSecours",
                table: "utilisateur");

            migrationBuilder.DropColumn(
                name: "DernierPasTotp",
                table: "utilisateur");

            migrationBuilder.DropColumn(
                name: "DispenseSecondFacteur",
                table: "utilisateur");

            migrationBuilder.DropColumn(
                name: "SecondFacteurActif",
                table: "utilisateur");

            migrationBuilder.DropColumn(
                name: "SecretTotp",
                table: "utilisateur");
        }
    }
}
