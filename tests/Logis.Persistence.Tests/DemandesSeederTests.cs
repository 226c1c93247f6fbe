using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Tests;

[Collection(CollectionTerritoire.Nom)]
public class DemandesSeederTests(TerritoireSemeFixture fixture)
{
    [Theory, DeuxBases]
    public async Task Les_demandes_synthetiques_sont_semees_une_fois_avec_leur_chronologie(string f)
    {
        var tpm = Siren.Create(TerritoireSeeder.SirenTpm);
        await using (var db = fixture.Ouvrir(f))
        {
            var premier = await new DemandesSeeder(db, Horloges.Fixe()).SemerAsync(tpm, 7, 400);
            Assert.Equal(400, premier.Nombre);
        }
        await using (var db = fixture.Ouvrir(f))
        {
            var second = await new DemandesSeeder(db, Horloges.Fixe()).SemerAsync(tpm, 7, 400);
            Assert.True(second.DejaPresent);
            Assert.Equal(400, await db.Demandes.CountAsync());
            var demande = await db.Demandes.AsNoTracking().OrderBy(d => d.DateDepot).FirstAsync();
            Assert.NotEmpty(demande.Evenements);
            Assert.Equal(Domain.Demandes.TypeEvenementDemande.Enregistrement, demande.Evenements.OrderBy(e => e.Rang).First().Type);
            Assert.NotEmpty(demande.Contenu.Personnes);
            var sequences = await db.SequencesNumero.ToListAsync();
            var numeros = await db.Demandes.AsNoTracking().Select(d => new { d.Numero, d.DateDepot }).ToListAsync();
            // National numbers: the month and year of each deposit, one sequence per territory and month, set past the seeded numbers.
            Assert.All(numeros, n => Assert.True(n.Numero.CorrespondAuDepot(n.DateDepot), n.Numero.Valeur));
            var max = numeros.GroupBy(n => (n.Numero.Territoire, n.Numero.Annee, n.Numero.Mois)).ToDictionary(g => g.Key, g => g.Max(n => n.Numero.Sequence));
            Assert.All(sequences, s => Assert.Equal(max[(s.Territoire, s.Annee % 100, s.Mois)], s.Dernier));
            Assert.Equal(max.Count, sequences.Count);
            Assert.True(await db.Demandes.AnyAsync(d => EF.Property<bool>(d, ColonnesDemande.Prioritaire)));
        }
    }
}
