using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <summary>
    /// The pre-selection index (<c>preselection_demande</c>, <see cref="Attributions.EntreePreselection"/>): one row per active demand ×
    /// wished commune (or « * », the whole EPCI) × wished typology, with the ranking keys, filled here from the demands already stored
    /// (their search columns, from the same content). It replaces <c>IX_cotation_demande_preselection</c>, dropped: that index covered the
    /// score, so that the nightly rescoring could not update <c>cotation_demande</c> in place (HOT). BENCHMARKS.md, « Présélection ».
    /// </summary>
    public partial class IndexPreselection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "preselection_demande",
                columns: table => new
                {
                    DemandeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Commune = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Typologie = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    EpciSiren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: true),
                    DateDepot = table.Column<DateOnly>(type: "date", nullable: false),
                    Numero = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_preselection_demande", x => new { x.DemandeId, x.Commune, x.Typologie });
                    table.ForeignKey(
                        name: "FK_preselection_demande_demande_DemandeId",
                        column: x => x.DemandeId,
                        principalTable: "demande",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql("""
                    DROP INDEX IF EXISTS "IX_cotation_demande_preselection";
                    INSERT INTO preselection_demande ("DemandeId", "EpciSiren", "Commune", "Typologie", "Total", "DateDepot", "Numero")
                    SELECT DISTINCT d."Id", d."EpciSiren", c.commune, t.typologie, k."Total", d."DateDepot", d."Numero"
                    FROM demande d
                    JOIN cotation_demande k ON k."DemandeId" = d."Id"
                    CROSS JOIN LATERAL unnest(CASE WHEN d."ToutEpci" THEN ARRAY['*']
                        ELSE string_to_array(trim(BOTH '|' FROM d."CommunesSouhaitees"), '|') END) AS c(commune)
                    CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '|' FROM d."Typologies"), '|')) AS t(typologie)
                    WHERE d."Statut" = 1 AND c.commune <> '' AND t.typologie <> '';
                    """);

            migrationBuilder.CreateIndex(
                name: "IX_preselection_demande_ordre",
                table: "preselection_demande",
                columns: new[] { "EpciSiren", "Commune", "Typologie", "Total", "DateDepot", "Numero", "DemandeId" },
                descending: new[] { false, false, false, true, false, false, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsLast, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "preselection_demande");

            if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
                migrationBuilder.Sql("""
                    CREATE INDEX "IX_cotation_demande_preselection" ON cotation_demande ("EpciSiren", ("Total" IS NULL), "Total" DESC)
                        INCLUDE ("DemandeId") WHERE "Statut" = 1;
                    """);
        }
    }
}
