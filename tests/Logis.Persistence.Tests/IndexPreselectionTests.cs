using Logis.Application.Demandes;
using Logis.Domain.Commun;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence.Cotation;
using Logis.Persistence.Reference;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Tests;

/// <summary>
/// The pre-selection index (<c>preselection_demande</c>) stays exactly what the demands make it after each kind of change, on both
/// databases: registration (EF Core), random changes of wishes, radiations, renewals and priority situations saved in batches,
/// the batch rescoring (the score is its ranking key), the purge of radiated demands. The import's COPY is checked by
/// <see cref="FichierDemandesTests"/> (same rows as EF Core, and the same check after an import).
/// </summary>
public class IndexPreselectionTests
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);

    private static RegistreGrilles Registre()
    {
        var dossier = DossierDonnees.TrouverGrilles();
        var fichiers = Directory.GetFiles(dossier, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => new FichierGrille(Path.GetFileName(f), File.ReadAllText(f)));
        Assert.True(RegistreGrilles.TryCharger(fichiers, out var r, out var e), string.Join("\n", e));
        return r!;
    }

    [Theory, DeuxBases]
    public async Task L_index_de_preselection_suit_chaque_changement_des_demandes(string f)
    {
        var options = await BasesDeTest.CreerAsync(f, "indexpresel");
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            await new TerritoireSeeder(db, TerritoireSemeFixture.Reference, Horloges.Fixe()).SemerAsync(Tpm, 2026, comptesDemo: false);
            await new DemandesSeeder(db, Horloges.Fixe()).SemerAsync(Tpm, 7, 200);
        }
        await using (var db = BasesDeTest.Ouvrir(options)) await IndexPreselectionAttendu.VerifierAsync(db, "enregistrement");

        var registre = Registre();
        var date = Horloges.Aujourdhui;
        async Task RecalculerAsync(DateOnly jour, string etape)
        {
            await using var db = BasesDeTest.Ouvrir(options);
            var r = await RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, jour), jour, Horloges.Reference, Tpm);
            Assert.True(r.Cotees > 0, etape);
            db.ChangeTracker.Clear();
            Assert.True(await db.Set<Attributions.EntreePreselection>().AnyAsync(e => e.Total != null), etape);
            await IndexPreselectionAttendu.VerifierAsync(db, etape);
        }
        await RecalculerAsync(date, "premier recalcul");

        // Random changes, saved eight at a time (a unit of work may change several demands), checked after each save.
        var hasard = new Random(20261206);
        var par = new Acteur(new AuteurId(Guid.NewGuid()), "Agent test");
        var quand = Horloges.Reference.AddDays(30);
        var faits = new Dictionary<string, int>();
        List<CodeInsee> communes;
        await using (var db = BasesDeTest.Ouvrir(options))
            communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).Select(c => c.CodeInsee).ToListAsync();
        for (var tour = 0; tour < 8; tour++)
        {
            await using var db = BasesDeTest.Ouvrir(options);
            var demandes = await db.Demandes.Where(d => d.Statut == StatutDemande.Active).OrderBy(d => d.Numero).ToListAsync();
            foreach (var d in Enumerable.Range(0, 8).Select(_ => demandes[hasard.Next(demandes.Count)]).Distinct())
            {
                quand = quand.AddHours(1);
                var acte = hasard.Next(4);
                var r = acte switch
                {
                    0 => d.MettreAJour(AvecSouhaits(d.Contenu, Souhaits(hasard, communes, d.Contenu.Souhaits)), quand, par),
                    1 => d.Radier(MotifRadiation.Renonciation, quand, par),
                    2 => d.Renouveler(quand, par, FenetreRenouvellement.Creer(3).Valeur),
                    _ => d.DeclarerSituationPrioritaire(CriterePrioritaire.MalLogeOuDefavorise, null, quand, par),
                };
                if (r.EstReussi) faits[new[] { "souhaits", "radiation", "renouvellement", "situation" }[acte]] = faits.GetValueOrDefault(new[] { "souhaits", "radiation", "renouvellement", "situation" }[acte]) + 1;
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            await IndexPreselectionAttendu.VerifierAsync(db, $"changements, tour {tour + 1}");
        }
        Assert.True(faits.GetValueOrDefault("souhaits") >= 5 && faits.GetValueOrDefault("radiation") >= 5, string.Join(", ", faits));

        // A year later, seniority moves the scores: the index takes them.
        await RecalculerAsync(date.AddYears(1), "recalcul un an après");

        // The purge of the demands radiated more than a year before removes their rows (cascade) and touches nothing else.
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var jour = HeureFrance.Jour(quand).AddMonths(13);
            var purge = await new PurgeDemandes(db).PurgerAsync(jour, 12, false, quand.AddMonths(13));
            Assert.True(purge.Total >= 5);
            db.ChangeTracker.Clear();
            await IndexPreselectionAttendu.VerifierAsync(db, "purge");
        }
    }

    private static Souhaits Souhaits(Random hasard, List<CodeInsee> communes, Souhaits avant)
    {
        var typologies = Enum.GetValues<Typologie>().OrderBy(_ => hasard.Next()).Take(1 + hasard.Next(2)).ToList();
        var tout = hasard.Next(4) == 0;
        // Wishing the whole EPCI excludes listing communes (the domain's rule).
        var choisies = tout ? [] : communes.OrderBy(_ => hasard.Next()).Take(1 + hasard.Next(3)).ToList();
        return avant with { Typologies = typologies, Communes = choisies, ToutEpci = tout };
    }

    private static ContenuDemande AvecSouhaits(ContenuDemande c, Souhaits s)
    {
        var r = ContenuDemande.Creer(c.Personnes, c.Contact, c.SituationFamiliale, c.RevenuFiscalReferenceN2, c.LogementActuel, c.Motifs, c.MotifPrincipal, s,
            c.Handicap, c.RecoursDalo);
        Assert.True(r.EstReussi, r.Motif);
        return r.Valeur;
    }
}
