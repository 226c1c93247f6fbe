using Logis.Application.Attributions;
using Logis.Application.Demandes;
using Logis.Application.Eligibilite;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
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

    /// <summary>
    /// The pre-selection read through the index (two ordered ranges, batches, demands the index alone shows excluded left unloaded) gives
    /// exactly the lines the domain gives over all the demands it concerns (active, wishing the commune or the whole EPCI, and the typology), for dwellings of every typology, rents low and high, a commune much wished
    /// and one little wished, with small and large limits.
    /// </summary>
    [Theory, DeuxBases]
    public async Task La_preselection_par_l_index_donne_les_lignes_du_fichier_entier(string f)
    {
        var options = await BasesDeTest.CreerAsync(f, "preselequiv");
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            await new TerritoireSeeder(db, TerritoireSemeFixture.Reference, Horloges.Fixe()).SemerAsync(Tpm, 2026, comptesDemo: false);
            await new DemandesSeeder(db, Horloges.Fixe()).SemerAsync(Tpm, 11, 400);
        }
        var jour = Horloges.Aujourdhui;
        var registre = Registre();
        await using (var db = BasesDeTest.Ouvrir(options))
            await RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, jour), jour, Horloges.Reference, Tpm);

        await using var lecture = BasesDeTest.Ouvrir(options);
        var horloge = Horloges.Fixe();
        var referentiel = ReferentielEligibilite.Charger(TerritoireSemeFixture.Reference);
        var service = new PreselectionService(lecture, horloge, referentiel, new VacancesService(lecture, horloge));
        var parametres = new ParametresPreselection(referentiel.Moteur, 2026, NormesOccupation.Defaut, EchelleUnitesConsommation.OcdeModifiee, 9_000m, 2026);
        var fichier = (await lecture.Demandes.AsNoTracking().Include(d => d.SituationsPrioritaires).ToListAsync())
            .Join(await lecture.CotationsDemandes.AsNoTracking().ToListAsync(), d => d.Id, c => c.DemandeId, (d, c) => CandidatResume.De(d, c.Total, jour)).ToList();
        var communes = await lecture.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).ToListAsync();
        var souhaitees = communes.OrderByDescending(c => fichier.Count(x => x.Communes.Contains(c.CodeInsee))).ToList();
        var sautees = 0;
        foreach (var commune in new[] { souhaitees[0], souhaitees[^1] })
            foreach (var typologie in Enum.GetValues<Typologie>())
                foreach (var loyer in new[] { 280m, 820m })
                    foreach (var (limite, exclusMax) in new[] { (20, 10), (3, 2), (100, 10) })
                    {
                        var pieces = Math.Max(1, (int)typologie);
                        var logement = new LogementAPourvoir(commune.CodeInsee, commune.Nom, false, commune.Zone, Financement.Plus, typologie, pieces, 18m + 14m * pieces,
                            loyer, loyer / 5m);
                        // The population of a pre-selection: the active demands wishing the commune (or the whole EPCI) and the typology.
                        var vises = fichier.Where(x => x.Active && (x.ToutEpci || x.Communes.Contains(commune.CodeInsee)) && x.Typologies.Contains(typologie)).ToList();
                        var attendu = Preselection.Classer(logement, vises, parametres, limite, exclusMax, false);
                        var lu = await service.ClasserAsync(Tpm, logement, parametres, limite, exclusMax, false, default);
                        var cas = $"{commune.Nom} {typologie} {loyer} € ({limite}, {exclusMax})";
                        Assert.Equal(attendu.Retenues.Select(l => l.Candidat.Numero), lu.Retenues.Select(l => l.Candidat.Numero));
                        Assert.Equal(attendu.Exclues.Select(l => (l.Candidat.Numero, string.Join(" ; ", l.Exclusions))),
                            lu.Exclues.Select(l => (l.Candidat.Numero, string.Join(" ; ", l.Exclusions))));
                        Assert.True(attendu.Complete == lu.Complete, cas);
                        // Cases where the index alone excludes more demands than the excluded lines shown: the reader skipped loading some.
                        if (vises.Count(x => Preselection.ExclueParSonResume(logement, parametres, x.Menage?.NombrePersonnes ?? 0, x.LoyerMaximum)) > exclusMax) sautees++;
                    }
        Assert.True(sautees >= 5, $"{sautees} cas seulement où la lecture par l'index laisse des demandes de côté : le test ne l'éprouverait pas");
    }

    private static Souhaits Souhaits(Random hasard, List<CodeInsee> communes, Souhaits avant)
    {
        var typologies = Enum.GetValues<Typologie>().OrderBy(_ => hasard.Next()).Take(1 + hasard.Next(2)).ToList();
        var tout = hasard.Next(4) == 0;
        // Wishing the whole EPCI excludes listing communes (the domain's rule).
        var choisies = tout ? [] : communes.OrderBy(_ => hasard.Next()).Take(1 + hasard.Next(3)).ToList();
        decimal? loyer = hasard.Next(3) == 0 ? null : 300m + hasard.Next(90_000) / 100m;
        return avant with { Typologies = typologies, Communes = choisies, ToutEpci = tout, LoyerMaximum = loyer };
    }

    private static ContenuDemande AvecSouhaits(ContenuDemande c, Souhaits s)
    {
        // One person less now and then (the last, never the applicant): the household size the index carries changes too.
        var personnes = c.Personnes.Count > 1 && s.Typologies.Count == 1 ? c.Personnes.Take(c.Personnes.Count - 1).ToList() : c.Personnes;
        var r = ContenuDemande.Creer(personnes, c.Contact, c.SituationFamiliale!.Value, c.RevenuFiscalReferenceN2, c.LogementActuel!, c.Motifs, c.MotifPrincipal!.Value, s,
            c.Handicap, c.RecoursDalo);
        Assert.True(r.EstReussi, r.Motif);
        return r.Valeur;
    }
}
