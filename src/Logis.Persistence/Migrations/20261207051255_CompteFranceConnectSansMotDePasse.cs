using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Logis.Persistence.Migrations
{
    /// <summary>
    /// The accounts FranceConnect opened before the mark existed (CompteDemandeur.SansMotDePasse) get it, so that their holders may set a
    /// password of their own: the account FranceConnect opened is confirmed at its creation (same instant) and holds the subject; an account
    /// linked to FranceConnect later was created, and confirmed, before. No change of the schema.
    /// </summary>
    public partial class CompteFranceConnectSansMotDePasse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE compte_demandeur
                SET "MotDePasseHache" = '!' || "MotDePasseHache"
                WHERE "SujetExterne" IS NOT NULL AND "CourrielConfirmeLe" = "CreeLe" AND "MotDePasseHache" NOT LIKE '!%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The hash after the mark is that of a random secret nobody knows: without the mark, the account still has no usable password.
            migrationBuilder.Sql("""
                UPDATE compte_demandeur SET "MotDePasseHache" = substr("MotDePasseHache", 2) WHERE "MotDePasseHache" LIKE '!%';
                """);
        }
    }
}
