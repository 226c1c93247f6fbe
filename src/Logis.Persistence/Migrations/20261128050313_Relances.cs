using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Relances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notification",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Numero = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    ExecutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Canal = table.Column<int>(type: "integer", nullable: false),
                    Destinataire = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Sujet = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Corps = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Statut = table.Column<int>(type: "integer", nullable: false),
                    Tentatives = table.Column<int>(type: "integer", nullable: false),
                    CreeLe = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProchaineTentativeLe = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EnvoyeLe = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DerniereErreur = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CleUnicite = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notification_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "relance_execution",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Jour = table.Column<DateOnly>(type: "date", nullable: false),
                    Origine = table.Column<int>(type: "integer", nullable: false),
                    LanceePar = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DebutLe = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinLe = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Examinees = table.Column<int>(type: "integer", nullable: false),
                    Rappels = table.Column<int>(type: "integer", nullable: false),
                    Avertissements = table.Column<int>(type: "integer", nullable: false),
                    Radiations = table.Column<int>(type: "integer", nullable: false),
                    AExaminer = table.Column<int>(type: "integer", nullable: false),
                    Echecs = table.Column<int>(type: "integer", nullable: false),
                    MessagesCrees = table.Column<int>(type: "integer", nullable: false),
                    Erreur = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_relance_execution", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notification_CleUnicite",
                table: "notification",
                column: "CleUnicite",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notification_DemandeId",
                table: "notification",
                column: "DemandeId");

            migrationBuilder.CreateIndex(
                name: "IX_notification_EpciSiren_CreeLe",
                table: "notification",
                columns: new[] { "EpciSiren", "CreeLe" });

            migrationBuilder.CreateIndex(
                name: "IX_notification_Statut_ProchaineTentativeLe",
                table: "notification",
                columns: new[] { "Statut", "ProchaineTentativeLe" });

            migrationBuilder.CreateIndex(
                name: "IX_relance_execution_EpciSiren_DebutLe",
                table: "relance_execution",
                columns: new[] { "EpciSiren", "DebutLe" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification");

            migrationBuilder.DropTable(
                name: "relance_execution");
        }
    }
}
