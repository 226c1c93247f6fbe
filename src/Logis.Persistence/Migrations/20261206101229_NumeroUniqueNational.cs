using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <summary>
    /// The numéro unique national (docs/sne.md §1): 18-character numbers, one sequence per territory and month of first deposit,
    /// the registering services of each territory. The demands already stored keep their Logis number as their former
    /// reference (<c>AncienneReference</c>, which still finds them) and receive a number in the national format: territory
    /// (their département on three characters), month and year of their deposit, a sequence within that month in the order of
    /// their deposit, and the code <c>LOGIS</c>, which names no registering service (the service that registered them is not
    /// known as a code). The sequences are set past these numbers. Messages already written keep the number they were sent with.
    /// </summary>
    public partial class NumeroUniqueNational : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_sequence_numero",
                table: "sequence_numero");

            migrationBuilder.RenameColumn(
                name: "Departement",
                table: "sequence_numero",
                newName: "Territoire");

            migrationBuilder.AddColumn<string>(
                name: "CodeTerritoireSne",
                table: "territoire_heberge",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Mois",
                table: "sequence_numero",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "Numero",
                table: "notification",
                type: "character varying(18)",
                maxLength: 18,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(13)",
                oldMaxLength: 13);

            migrationBuilder.AlterColumn<string>(
                name: "Numero",
                table: "demande",
                type: "character varying(18)",
                maxLength: 18,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(13)",
                oldMaxLength: 13);

            migrationBuilder.AddColumn<string>(
                name: "AncienneReference",
                table: "demande",
                type: "character varying(13)",
                maxLength: 13,
                nullable: true);

            // The former sequences counted per département and year: the new ones are rebuilt from the renumbered demands.
            migrationBuilder.Sql("DELETE FROM sequence_numero;");
            migrationBuilder.Sql("""
                UPDATE demande SET "AncienneReference" = "Numero" WHERE length("Numero") < 18;
                WITH n AS (
                    SELECT "Id",
                           CASE WHEN length("Numero") = 13 THEN substr("Numero", 1, 3) ELSE '0' || substr("Numero", 1, 2) END AS territoire,
                           "DateDepot" AS depot
                    FROM demande WHERE "AncienneReference" IS NOT NULL
                ), r AS (
                    SELECT "Id", territoire, depot,
                           row_number() OVER (PARTITION BY territoire, date_trunc('month', depot) ORDER BY depot, "Id") AS sequence
                    FROM n
                )
                UPDATE demande d
                SET "Numero" = r.territoire || to_char(r.depot, 'MMYY') || lpad(r.sequence::text, 6, '0') || 'LOGIS'
                FROM r WHERE d."Id" = r."Id";
                INSERT INTO sequence_numero ("Territoire", "Annee", "Mois", "Dernier")
                SELECT substr("Numero", 1, 3), 2000 + substr("Numero", 6, 2)::int, substr("Numero", 4, 2)::int, max(substr("Numero", 8, 6)::int)
                FROM demande GROUP BY 1, 2, 3;
                """);

            migrationBuilder.AddPrimaryKey(
                name: "PK_sequence_numero",
                table: "sequence_numero",
                columns: new[] { "Territoire", "Annee", "Mois" });

            migrationBuilder.CreateTable(
                name: "guichet_enregistreur",
                columns: table => new
                {
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Code = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Nom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Adresse = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Horaires = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TypeOrganisation = table.Column<int>(type: "integer", nullable: false),
                    Organisation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Actif = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_guichet_enregistreur", x => new { x.EpciSiren, x.Code });
                });

            migrationBuilder.CreateIndex(
                name: "IX_demande_AncienneReference",
                table: "demande",
                column: "AncienneReference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to the former numbers (only possible while no demand was registered with a national number alone).
            migrationBuilder.Sql("""UPDATE demande SET "Numero" = "AncienneReference" WHERE "AncienneReference" IS NOT NULL; DELETE FROM sequence_numero;""");

            migrationBuilder.DropTable(
                name: "guichet_enregistreur");

            migrationBuilder.DropPrimaryKey(
                name: "PK_sequence_numero",
                table: "sequence_numero");

            migrationBuilder.DropIndex(
                name: "IX_demande_AncienneReference",
                table: "demande");

            migrationBuilder.DropColumn(
                name: "CodeTerritoireSne",
                table: "territoire_heberge");

            migrationBuilder.DropColumn(
                name: "Mois",
                table: "sequence_numero");

            migrationBuilder.DropColumn(
                name: "AncienneReference",
                table: "demande");

            migrationBuilder.RenameColumn(
                name: "Territoire",
                table: "sequence_numero",
                newName: "Departement");

            migrationBuilder.AlterColumn<string>(
                name: "Numero",
                table: "notification",
                type: "character varying(13)",
                maxLength: 13,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18);

            migrationBuilder.AlterColumn<string>(
                name: "Numero",
                table: "demande",
                type: "character varying(13)",
                maxLength: 13,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18);

            migrationBuilder.AddPrimaryKey(
                name: "PK_sequence_numero",
                table: "sequence_numero",
                columns: new[] { "Departement", "Annee" });
        }
    }
}
