using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SituationsPrioritairesJustifiees : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DaloCommission",
                table: "demande_situation_prioritaire",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DaloDate",
                table: "demande_situation_prioritaire",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DaloReference",
                table: "demande_situation_prioritaire",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PieceId",
                table: "demande_situation_prioritaire",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RefuseeLe",
                table: "demande_situation_prioritaire",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RefuseePar",
                table: "demande_situation_prioritaire",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValableJusquau",
                table: "demande_situation_prioritaire",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DaloCommission",
                table: "demande_situation_prioritaire");

            migrationBuilder.DropColumn(
                name: "DaloDate",
                table: "demande_situation_prioritaire");

            migrationBuilder.DropColumn(
                name: "DaloReference",
                table: "demande_situation_prioritaire");

            migrationBuilder.DropColumn(
                name: "PieceId",
                table: "demande_situation_prioritaire");

            migrationBuilder.DropColumn(
                name: "RefuseeLe",
                table: "demande_situation_prioritaire");

            migrationBuilder.DropColumn(
                name: "RefuseePar",
                table: "demande_situation_prioritaire");

            migrationBuilder.DropColumn(
                name: "ValableJusquau",
                table: "demande_situation_prioritaire");
        }
    }
}
