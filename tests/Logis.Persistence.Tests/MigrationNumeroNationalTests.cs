using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Domain.Acces;
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
/// A PostgreSQL base holding demands numbered in Logis's former format is migrated (docs/sne.md §1.6): each demand keeps its
/// former number as its former reference, which still finds it, and receives a national number; the sequences follow.
/// </summary>
public class MigrationNumeroNationalTests
{
    private const string MigrationPrecedente = "20261128101809_SansIndexNomDemandeurPostgres";

    [Fact]
    public async Task Les_demandes_d_avant_gardent_leur_numero_comme_ancienne_reference_et_recoivent_un_numero_national()
    {
        var options = await BasesDeTest.CreerPostgresVideAsync("migration");
        var epci = Siren.Create("248300543");
        var contenu = GenerateurDemandes.Generer(new ParametresGeneration(3, 1, "083", new DateOnly(2025, 6, 30),
            [new CommuneDeGeneration(CodeInsee.Create("83137"), "Toulon", "83000", 170_000, 0.2)], FenetreRenouvellement.Creer(3).Valeur,
            ProfilDemandes.Defaut)).Valeur[0].Contenu;

        // Two demands of March 2025 and one of a Corsican file, numbered the former way, in the schema before the migration.
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            await db.GetService<IMigrator>().MigrateAsync(MigrationPrecedente);
            foreach (var (ancien, depot) in new[] { ("832500000017", "2025-03-20"), ("832500000025", "2025-03-02"), ("2A2500000031", "2025-04-11") })
            {
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO demande (\"Id\", \"Numero\", \"Canal\", \"Statut\", \"DateDepot\", \"Contenu\", \"EpciSiren\", \"NomDemandeur\", \"CommunesSouhaitees\", " +
                    "\"ToutEpci\", \"Typologies\", \"Prioritaire\") VALUES ({0}, {1}, 2, 1, {2}::date, {3}, {4}, 'X', '|83137|', false, '|T2|', false)",
                    Guid.NewGuid(), ancien, depot, ContenuJson.Ecrire(contenu), epci.Value);
            }
            await db.Database.ExecuteSqlRawAsync("INSERT INTO sequence_numero (\"Departement\", \"Annee\", \"Dernier\") VALUES ('83', 2025, 2), ('2A', 2025, 3)");
            await db.Database.MigrateAsync();
        }

        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var demandes = await db.Demandes.AsNoTracking().ToDictionaryAsync(d => d.AncienneReference!);
            // Numbered within the month of deposit, in the order of deposit, under the code LOGIS (no known registering service).
            Assert.Equal("0830325000002LOGIS", demandes["832500000017"].Numero.Valeur);
            Assert.Equal("0830325000001LOGIS", demandes["832500000025"].Numero.Valeur);
            Assert.Equal("02A0425000001LOGIS", demandes["2A2500000031"].Numero.Valeur);
            Assert.All(demandes.Values, d => Assert.True(d.Numero.CorrespondAuDepot(d.DateDepot)));
            var sequences = await db.SequencesNumero.AsNoTracking().OrderBy(s => s.Territoire).Select(s => new { s.Territoire, s.Annee, s.Mois, s.Dernier }).ToListAsync();
            Assert.Equal([new { Territoire = "02A", Annee = 2025, Mois = 4, Dernier = 1 }, new { Territoire = "083", Annee = 2025, Mois = 3, Dernier = 2 }], sequences);

            // The former number still finds the demand, as the national one does.
            var agent = new Agent(Guid.NewGuid(), "Agent", Role.AgentEpci, new Perimetre(epci));
            var service = new DemandesService(db, Horloges.Fixe(), null!);
            var parAncien = await service.LireAsync(agent, "83 25 0000001 7", default);
            Assert.True(parAncien.EstReussi, parAncien.Motif);
            Assert.Equal(("0830325000002LOGIS", "832500000017"), (parAncien.Valeur!.Numero, parAncien.Valeur.AncienneReference));
            Assert.True((await service.LireAsync(agent, "083 0325 000002 LOGIS", default)).EstReussi);
        }
    }
}
