using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TamponSecuriteComptes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TamponSecurite",
                table: "utilisateur",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
            // Accounts created before: a random stamp each (sessions opened before the migration end).
            migrationBuilder.Sql("UPDATE utilisateur SET \"TamponSecurite\" = md5(random()::text || \"Id\"::text);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TamponSecurite",
                table: "utilisateur");
        }
    }
}
