using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ElementsCotation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "cotation_demande")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AlterColumn<string>(
                name: "Version",
                table: "cotation_demande",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50);

            migrationBuilder.AlterColumn<int>(
                name: "Total",
                table: "cotation_demande",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<string>(
                name: "GrilleId",
                table: "cotation_demande",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CalculeeLe",
                table: "cotation_demande",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");

            migrationBuilder.AddColumn<byte[]>(
                name: "Elements",
                table: "cotation_demande",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "EpciSiren",
                table: "cotation_demande",
                type: "character varying(9)",
                maxLength: 9,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Statut",
                table: "cotation_demande",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // One row per demand from now on: the scored ones take their demand's EPCI and status, the others get a row
            // without score. Their elements ("Elements", empty here) are computed by « logis migrate » after the
            // migrations (ElementsStockes.CompleterAsync): they need the domain's rule, not SQL.
            migrationBuilder.Sql("""
                UPDATE cotation_demande c SET "EpciSiren" = d."EpciSiren", "Statut" = d."Statut" FROM demande d WHERE d."Id" = c."DemandeId";
                INSERT INTO cotation_demande ("DemandeId", "EpciSiren", "Statut", "Elements")
                SELECT d."Id", d."EpciSiren", d."Statut", ''::bytea FROM demande d
                WHERE NOT EXISTS (SELECT 1 FROM cotation_demande c WHERE c."DemandeId" = d."Id");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM cotation_demande WHERE \"Total\" IS NULL;");

            migrationBuilder.DropColumn(
                name: "Elements",
                table: "cotation_demande");

            migrationBuilder.DropColumn(
                name: "EpciSiren",
                table: "cotation_demande");

            migrationBuilder.DropColumn(
                name: "Statut",
                table: "cotation_demande");

            migrationBuilder.AlterTable(
                name: "cotation_demande")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AlterColumn<string>(
                name: "Version",
                table: "cotation_demande",
                type: "character varying(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(50)",
                oldMaxLength: 50,
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Total",
                table: "cotation_demande",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "GrilleId",
                table: "cotation_demande",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "CalculeeLe",
                table: "cotation_demande",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)),
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);
        }
    }
}
