using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Pieces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "piece_justificative",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    TypeCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Categorie = table.Column<int>(type: "integer", nullable: false),
                    Sensibilite = table.Column<int>(type: "integer", nullable: false),
                    ContientNir = table.Column<bool>(type: "boolean", nullable: false),
                    NomFichier = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    TypeMedia = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Taille = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeposeeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeposeeParId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeposeePar = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Statut = table.Column<int>(type: "integer", nullable: false),
                    PurgeeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_piece_justificative", x => x.Id);
                    table.ForeignKey(
                        name: "FK_piece_justificative_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "piece_contenu",
                columns: table => new
                {
                    PieceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Octets = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_piece_contenu", x => x.PieceId);
                    table.ForeignKey(
                        name: "FK_piece_contenu_piece_justificative_PieceId",
                        column: x => x.PieceId,
                        principalTable: "piece_justificative",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_piece_justificative_DemandeId",
                table: "piece_justificative",
                column: "DemandeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "piece_contenu");

            migrationBuilder.DropTable(
                name: "piece_justificative");
        }
    }
}
