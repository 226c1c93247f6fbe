using Logis.Domain.Commun;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Cotation;
using Logis.Persistence.Demandes;
using Logis.Persistence.Reference;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Tests;

/// <summary>
/// The batch rescoring gives exactly the scores of the per-demand path (<see cref="FaitsDepuisDemande.Construire(Demande, DateOnly, Domain.Eligibilite.EchelleUnitesConsommation?, Domain.Eligibilite.NormesOccupation?)"/>
/// on the full aggregate): on PostgreSQL through the streamed fast path (<c>RecalculPostgres</c>), on SQLite through
/// EF Core. And a rescoring that fails leaves every stored score as it was.
/// </summary>
public class RecalculCotationTests
{
    private static readonly Guid Piece = Guid.Parse("00000000-0000-0000-0000-0000000000f1");

    private static DecisionDalo Dalo() => DecisionDalo.Creer("COMED-83-2020-0001", new DateOnly(2020, 1, 1), "Commission de médiation du Var", new DateOnly(2020, 1, 1)).Valeur;

    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);
    private static readonly DateOnly Date = new(2026, 11, 28);
    private static readonly DateTimeOffset Maintenant = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);

    private static RegistreGrilles Registre()
    {
        var dossier = DossierDonnees.TrouverGrilles();
        var fichiers = Directory.GetFiles(dossier, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => new FichierGrille(Path.GetFileName(f), File.ReadAllText(f)));
        Assert.True(RegistreGrilles.TryCharger(fichiers, out var r, out var e), string.Join("\n", e));
        return r!;
    }

    /// <summary>A fresh TPM database with 300 synthetic demands, some with refusals, priority situations (declared,
    /// validated) and one radiated.</summary>
    private static async Task<OptionsBase> BaseAsync(string f)
    {
        var options = await BasesDeTest.CreerAsync(f, "recalcul");
        await using var db = BasesDeTest.Ouvrir(options);
        await new TerritoireSeeder(db, TerritoireSemeFixture.Reference, Horloges.Fixe()).SemerAsync(Tpm, 2026, comptesDemo: false);
        await new DemandesSeeder(db, Horloges.Fixe()).SemerAsync(Tpm, 11, 300);
        var demandes = await db.Demandes.AsSplitQuery().Where(d => d.Statut == StatutDemande.Active).OrderBy(d => d.Numero).Take(40).ToListAsync();
        var par = new Acteur(new AuteurId(Guid.NewGuid()), "Bailleur test");
        // Acts come after every seeded event (the timeline is chronological).
        var quand = Horloges.Reference.AddDays(1);
        for (var i = 0; i < demandes.Count; i++)
        {
            var d = demandes[i];
            // Refusals of offers qualified adapted (they count, R441-2-17) and, one in two, of offers that were not.
            if (i % 3 == 0) Refuser(d, adaptee: true, quand.AddDays(i), par);
            if (i % 6 == 0) Refuser(d, adaptee: i % 12 == 0, quand.AddDays(60 + i), par);
            var critere = (CriterePrioritaire)(1 + (i % 14));
            if (i % 4 == 1 && d.SituationsPrioritaires.All(s => s.Critere != critere))
            {
                Assert.True(d.DeclarerSituationPrioritaire(critere, critere == CriterePrioritaire.ReconnuDalo ? Dalo() : null, quand.AddDays(200), par).EstReussi);
                if (i % 8 == 1) Assert.True(d.ValiderSituationPrioritaire(critere, Piece, null, quand.AddDays(203), par).EstReussi);
            }
        }
        Assert.True(demandes[^1].Radier(MotifRadiation.Renonciation, quand.AddDays(300), par).EstReussi);
        await db.SaveChangesAsync();
        return options;
    }

    private static void Refuser(Demande d, bool adaptee, DateTimeOffset quand, Acteur par)
    {
        var logement = new LogementId(Guid.NewGuid());
        Assert.True(d.NoterOffre(logement, HeureFrance.Jour(quand).AddDays(10), adaptee, quand, par).EstReussi);
        Assert.True(d.NoterRefus(logement, MotifRefus.Localisation, quand.AddHours(1), par).EstReussi);
    }

    private static async Task<Dictionary<DemandeId, (int Total, string Grille, string Version, DateTimeOffset Le)>> StockeesAsync(LogisDbContext db) =>
        (await db.CotationsDemandes.AsNoTracking().Where(c => c.Total != null).ToListAsync())
            .ToDictionary(c => c.DemandeId, c => (c.Total!.Value, c.GrilleId!, c.Version!, c.CalculeeLe!.Value));

    [Theory, DeuxBases]
    public async Task Le_recalcul_en_lot_donne_les_cotations_du_calcul_par_demande(string f)
    {
        var options = await BaseAsync(f);
        var registre = Registre();
        ResultatRecalcul r;
        await using (var db = BasesDeTest.Ouvrir(options))
            r = await RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, Date), Date, Maintenant, null);
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var stockees = await StockeesAsync(db);
            var actives = await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => d.Statut == StatutDemande.Active).ToListAsync();
            Assert.True(actives.Count > 250);
            Assert.Equal((actives.Count, actives.Count, 0), (r.Demandes, r.Cotees, r.SansGrille));
            Assert.Equal(actives.Count, stockees.Count);
            Assert.Contains(actives, d => d.Evenements.Count(e => e.Type == TypeEvenementDemande.Refus) == 2);
            Assert.Contains(actives, d => d.SituationsPrioritaires.Any(s => s.Statut == StatutJustification.ValideeParAgentHabilite));
            var jeu = registre.JeuEnVigueur(Tpm, Date)!;
            foreach (var d in actives)
            {
                var faits = FaitsDepuisDemande.Construire(d, Date);
                var grille = jeu.Pour(in faits);
                var s = stockees[d.Id];
                Assert.Equal((grille.Calculer(in faits), grille.Grille.Id, grille.Grille.Version), (s.Total, s.Grille, s.Version));
                Assert.Equal(Maintenant, s.Le.ToUniversalTime());
            }
            Assert.Contains(actives, d => jeu.Pour(FaitsDepuisDemande.Construire(d, Date)) == jeu.Mutation);
        }
    }

    [Theory, DeuxBases]
    public async Task Un_recalcul_en_echec_laisse_toutes_les_cotations_enregistrees_intactes(string f)
    {
        var options = await BaseAsync(f);
        var registre = Registre();
        await using (var db = BasesDeTest.Ouvrir(options))
            await RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, Date), Date, Maintenant, Tpm);
        Dictionary<DemandeId, (int, string, string, DateTimeOffset)> avant;
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            avant = await StockeesAsync(db);
            // A stored content that no longer names an applicant, late in the order, and its stored scoring elements
            // truncated: the rescoring fails on it (SQLite reads the aggregate, PostgreSQL the elements).
            var derniere = await db.Demandes.Where(d => d.Statut == StatutDemande.Active).OrderByDescending(d => d.Numero).Select(d => d.Id).FirstAsync();
            var contenu = """{"Personnes":[],"Motifs":[1],"MotifPrincipal":1}""";
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE demande SET \"Contenu\" = {contenu} WHERE \"Id\" = {derniere.Value}");
            var tronques = new byte[] { ElementsStockes.Version, 0, 1 };
            await db.CotationsDemandes.Where(c => c.DemandeId == derniere).ExecuteUpdateAsync(s => s.SetProperty(c => c.Elements, tronques));
        }
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            await Assert.ThrowsAnyAsync<Exception>(() =>
                RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, Date), Date, Maintenant.AddDays(1), Tpm));
        }
        await using (var db = BasesDeTest.Ouvrir(options))
            Assert.Equal(avant, await StockeesAsync(db));
    }

    /// <summary>
    /// PostgreSQL: a demand saved while the rescoring runs (after its row was read, before the scores are written) keeps
    /// the row of that save; the others get their new score.
    /// </summary>
    [Fact]
    public async Task Une_demande_enregistree_pendant_le_recalcul_garde_sa_ligne()
    {
        var options = await BaseAsync(BasesDeTest.Postgres);
        var registre = Registre();
        await using (var db = BasesDeTest.Ouvrir(options))
            await RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, Date), Date, Maintenant, Tpm);
        DemandeId touchee = default;
        ResultatRecalcul r;
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            r = await RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, Date), Date, Maintenant.AddDays(1), Tpm, avantEcriture: async ct =>
            {
                // Another agent records the refusal of an adapted offer: its own save rewrites the demand's row (elements, status).
                await using var autre = BasesDeTest.Ouvrir(options);
                var d = await autre.Demandes.AsSplitQuery().Where(x => x.Statut == StatutDemande.Active).OrderBy(x => x.Numero).FirstAsync(ct);
                Refuser(d, adaptee: true, Horloges.Reference.AddDays(400), new Acteur(new AuteurId(Guid.NewGuid()), "Autre agent"));
                await autre.SaveChangesAsync(ct);
                touchee = d.Id;
            });
        }
        Assert.Equal(r.Demandes - 1, r.Cotees);
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var lignes = await db.CotationsDemandes.AsNoTracking().Where(c => c.Statut == StatutDemande.Active).ToListAsync();
            // The demand saved meanwhile keeps the score of the first rescoring (its save had no scorer), the others moved on.
            Assert.Equal(Maintenant, Assert.Single(lignes, c => c.DemandeId == touchee).CalculeeLe!.Value.ToUniversalTime());
            Assert.All(lignes.Where(c => c.DemandeId != touchee), c => Assert.Equal(Maintenant.AddDays(1), c.CalculeeLe!.Value.ToUniversalTime()));
            await VerifierElementsAsync(db, 300);
        }
    }

    /// <summary>
    /// Every demand has its row of <c>cotation_demande</c>, kept in step by each save (seeding, refusals, priority
    /// situations declared and validated, a radiation): EPCI, status, and stored elements that give the facts of the full
    /// aggregate at two dates.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Les_elements_stockes_donnent_les_faits_de_l_agregat(string f)
    {
        var options = await BaseAsync(f);
        await using var db = BasesDeTest.Ouvrir(options);
        await VerifierElementsAsync(db, 300);
        Assert.Contains(await db.CotationsDemandes.AsNoTracking().ToListAsync(), c => c.Statut == StatutDemande.Radiee);
    }

    /// <summary>Rows left without elements (demands registered before the column: the migration creates them empty) stop
    /// the PostgreSQL rescoring with a clear message; <c>logis migrate</c> (<see cref="LogisDatabase.PreparerAsync"/>)
    /// completes them, and the rescoring then scores every active demand.</summary>
    [Theory, DeuxBases]
    public async Task Les_elements_absents_sont_completes_par_la_migration(string f)
    {
        var options = await BaseAsync(f);
        var registre = Registre();
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var ids = await db.CotationsDemandes.OrderBy(c => c.DemandeId).Select(c => c.DemandeId).Take(120).ToListAsync();
            Assert.Equal(120, await db.CotationsDemandes.Where(c => ids.Contains(c.DemandeId)).ExecuteUpdateAsync(s => s.SetProperty(c => c.Elements, Array.Empty<byte>())));
        }
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            if (f == BasesDeTest.Sqlite)
            {
                // The embedded database is created by EnsureCreated, never migrated: the completion is called directly.
                Assert.Equal(120, await ElementsStockes.CompleterAsync(db));
            }
            else
            {
                var erreur = await Assert.ThrowsAsync<InvalidDataException>(() => RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, Date), Date, Maintenant, Tpm));
                Assert.Contains("logis migrate", erreur.Message, StringComparison.Ordinal);
                await LogisDatabase.PreparerAsync(db, appliquerMigrations: true);
            }
        }
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            Assert.Equal(0, await ElementsStockes.CompleterAsync(db));
            await VerifierElementsAsync(db, 300);
            var r = await RecalculCotation.RecalculerAsync(db, e => registre.JeuEnVigueur(e, Date), Date, Maintenant, Tpm);
            Assert.True(r.Demandes > 250);
            Assert.Equal(r.Demandes, r.Cotees);
        }
    }

    /// <summary>Each demand has exactly one row whose EPCI, status and elements are those of its aggregate (two dates).</summary>
    internal static async Task VerifierElementsAsync(LogisDbContext db, int minimum)
    {
        var demandes = await db.Demandes.AsNoTracking().AsSplitQuery().ToListAsync();
        var lignes = await db.CotationsDemandes.AsNoTracking().ToDictionaryAsync(c => c.DemandeId);
        var epcis = await db.Demandes.AsNoTracking().Select(d => new { d.Id, Epci = EF.Property<Siren>(d, ColonnesDemande.Epci) }).ToDictionaryAsync(x => x.Id, x => x.Epci);
        Assert.True(demandes.Count >= minimum, $"{demandes.Count} demandes");
        Assert.Equal(demandes.Count, lignes.Count);
        var tampon = new PersonneCotation[2];
        foreach (var d in demandes)
        {
            var l = lignes[d.Id];
            Assert.Equal((epcis[d.Id], d.Statut), (l.EpciSiren, l.Statut));
            var e = default(ElementsCotation);
            ElementsStockes.Lire(l.Elements, ref e, ref tampon);
            foreach (var date in new[] { Date, new DateOnly(2031, 2, 28) })
                Assert.Equal(FaitsDepuisDemande.Construire(d, date), FaitsDepuisDemande.Construire(in e, date));
        }
    }
}
