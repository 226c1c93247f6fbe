using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class JournalAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "audit",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EpciSiren",
                table: "audit",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            // Rows written before this migration take the EPCI of their demand (rows without a demand stay outside every EPCI's journal).
            migrationBuilder.Sql(
                "UPDATE audit SET \"EpciSiren\" = d.\"EpciSiren\" FROM demande d WHERE audit.\"DemandeId\" = d.\"Id\" AND audit.\"EpciSiren\" IS NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_audit_EpciSiren_Quand",
                table: "audit",
                columns: new[] { "EpciSiren", "Quand" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_audit_EpciSiren_Quand",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "audit");

            migrationBuilder.DropColumn(
                name: "EpciSiren",
                table: "audit");
        }
    }
}
