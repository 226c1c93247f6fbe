using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AvisEtPreuves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Moyen",
                table: "demande_avertissement",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateOnly>(
                name: "NonDistribueLe",
                table: "demande_avertissement",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Preuve",
                table: "demande_avertissement",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RadiationPossibleLe",
                table: "demande_avertissement",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RemisLe",
                table: "demande_avertissement",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AvisPostalDemande",
                table: "demande",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "EcheanceRenouvellement",
                table: "demande",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RappelNonDistribueLe",
                table: "demande",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ServiceEnLigneUtilise",
                table: "demande",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Existing data: a demand deposited online used the online service (R441-2-7 2°); a notice already sent set the
            // end of validity as its deadline, or one month after it when it went out later. Warnings sent before keep no
            // delivery date: they wait for their proof (listed to examine), as the text asks.
            migrationBuilder.Sql("""UPDATE demande SET "ServiceEnLigneUtilise" = TRUE WHERE "Canal" = 1;""");
            migrationBuilder.Sql("""
                UPDATE demande SET "EcheanceRenouvellement" = GREATEST(
                    (COALESCE("DateDernierRenouvellement", "DateDepot") + INTERVAL '1 year' - INTERVAL '1 day')::date,
                    ("RappelEnvoyeLe" + INTERVAL '1 month')::date)
                WHERE "RappelEnvoyeLe" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Moyen",
                table: "demande_avertissement");

            migrationBuilder.DropColumn(
                name: "NonDistribueLe",
                table: "demande_avertissement");

            migrationBuilder.DropColumn(
                name: "Preuve",
                table: "demande_avertissement");

            migrationBuilder.DropColumn(
                name: "RadiationPossibleLe",
                table: "demande_avertissement");

            migrationBuilder.DropColumn(
                name: "RemisLe",
                table: "demande_avertissement");

            migrationBuilder.DropColumn(
                name: "AvisPostalDemande",
                table: "demande");

            migrationBuilder.DropColumn(
                name: "EcheanceRenouvellement",
                table: "demande");

            migrationBuilder.DropColumn(
                name: "RappelNonDistribueLe",
                table: "demande");

            migrationBuilder.DropColumn(
                name: "ServiceEnLigneUtilise",
                table: "demande");
        }
    }
}
