using System.Text.Json.Nodes;
using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Logis.Persistence.Tests;

/// <summary>
/// The migration CommuneActuelle fills the new search column of the demands already in a PostgreSQL base from their stored JSON content
/// (the commune of the current housing, <see cref="ColonnesDemande.CommuneActuelle"/>), as <see cref="ColonnesDemande.Valeurs"/> would:
/// the INSEE code when the content gives one, nothing when its commune is null or absent.
/// </summary>
public class MigrationCommuneActuelleTests
{
    private const string MigrationPrecedente = "20261206224454_PreselectionTailleLoyer";

    [Fact]
    public async Task Les_demandes_d_avant_prennent_la_commune_de_leur_logement_actuel_dans_leur_contenu()
    {
        var options = await BasesDeTest.CreerPostgresVideAsync("migration");
        var contenu = GenerateurDemandes.Generer(new ParametresGeneration(3, 1, "083", new DateOnly(2025, 6, 30),
            [new CommuneDeGeneration(CodeInsee.Create("83137"), "Toulon", "83000", 170_000, 0.2)], FenetreRenouvellement.Creer(3).Valeur,
            ProfilDemandes.Defaut)).Valeur[0].Contenu;
        Assert.Equal("83137", contenu.LogementActuel!.Commune?.Value);
        var json = ContenuJson.Ecrire(contenu);
        var sansCommune = JsonNode.Parse(json)!;
        sansCommune["LogementActuel"]!["Commune"] = null;
        var sansPropriete = JsonNode.Parse(json)!;
        sansPropriete["LogementActuel"]!.AsObject().Remove("Commune");
        var lignes = new[] { ("0830325000001LOGIS", json), ("0830325000002LOGIS", sansCommune.ToJsonString()), ("0830325000003LOGIS", sansPropriete.ToJsonString()) };

        await using (var db = BasesDeTest.Ouvrir(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(MigrationPrecedente);
            foreach (var (numero, texte) in lignes)
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO demande (\"Id\", \"Numero\", \"Canal\", \"Statut\", \"DateDepot\", \"Contenu\", \"EpciSiren\", \"NomDemandeur\", \"CommunesSouhaitees\", " +
                    "\"ToutEpci\", \"Typologies\", \"Prioritaire\") VALUES ({0}, {1}, 2, 1, '2025-03-20'::date, {2}, '248300543', 'X', '|83137|', false, '|T2|', false)",
                    Guid.NewGuid(), numero, texte);
            }
            await db.Database.MigrateAsync();
        }

        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var colonnes = await db.Database.SqlQueryRaw<string>(
                "SELECT \"Numero\" || '=' || COALESCE(\"CommuneActuelle\", '∅') AS \"Value\" FROM demande ORDER BY \"Numero\"").ToListAsync();
            Assert.Equal(["0830325000001LOGIS=83137", "0830325000002LOGIS=∅", "0830325000003LOGIS=∅"], colonnes);
            // The demand read back gives the same value by the one rule of the search columns.
            var d = await db.Demandes.AsNoTracking().SingleAsync(x => EF.Property<string?>(x, ColonnesDemande.CommuneActuelle) == "83137");
            Assert.Equal("83137", ColonnesDemande.Valeurs(d).CommuneActuelle);
        }
    }
}
