using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LieuxAccueil : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lieu_accueil",
                columns: table => new
                {
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Missions = table.Column<int>(type: "integer", nullable: false),
                    Adresse = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CommuneInsee = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Horaires = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Telephone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Accessibilite = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CommunesServies = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CodeGuichet = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Demonstration = table.Column<bool>(type: "boolean", nullable: false),
                    Actif = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lieu_accueil", x => new { x.EpciSiren, x.Code });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lieu_accueil");
        }
    }
}
