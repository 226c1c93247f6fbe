using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Cotation;
using Logis.Persistence.Demandes;
using Logis.Persistence.Demandes.Fichier;
using Logis.Persistence.Reference;
using Logis.Persistence.Relances;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Relances;
using Logis.Application.Journal;
using Logis.Application.Demandes;
using Logis.Application.Cotation;
using Logis.Application.Acces;

namespace Logis.Web.Tests;

/// <summary>
/// The main flows at the awkward instants of the French calendar, on both databases, under a clock stopped there (issue 11,
/// item 1): New Year's Eve at 23:30 and 00:30 (at 00:30 on 1 January in Paris it is still 31 December in UTC), both sides of
/// the spring clock change (02:xx does not exist), the 02:30 that happens twice in autumn, and 29 February 2028 at 00:30
/// (still the 28th in UTC). Each case states its French date and wall-clock times as literals, never through
/// <see cref="HeureFrance"/>: were the code to take the UTC date, every flow of the 00:30 cases would fail (a file of the day
/// refused, the reminder not sent, the 2026 grid kept…), and the times shown in French (events, journal) of every case.
/// <para>
/// The territory is a small one, the Communauté de communes de la Vallée du Gapeau (5 communes in the Var, about 1 000 social
/// dwellings), with its grids made from the TPM demonstration grids (the 2026 ones, and copies that take effect on 1 January 2027).
/// </para>
/// </summary>
public class InstantsDelicatsTests
{
    /// <summary>An instant as the French read it (wall clock and offset), and the same one hour later.</summary>
    private sealed record Instant(DateTimeOffset Paris, DateTimeOffset UneHeurePlusTard, DateOnly FinValidite)
    {
        /// <summary>The French civil date of the instant.</summary>
        public DateOnly Jour => DateOnly.FromDateTime(Paris.DateTime);

        public DateOnly JourUneHeurePlusTard => DateOnly.FromDateTime(UneHeurePlusTard.DateTime);

        /// <summary>The version of the grids in force that day: the copies taking effect on 1 January 2027, or the 2026 demonstration ones.</summary>
        public string VersionGrilles => Jour >= new DateOnly(2027, 1, 1) ? Version2027 : "2026.1-demo";
    }

    private static readonly TimeSpan Hiver = TimeSpan.FromHours(1);
    private static readonly TimeSpan Ete = TimeSpan.FromHours(2);

    /// <summary>
    /// The cases: the instant, the same one hour later, and the last day of validity of a demand deposited that day (one year
    /// from the deposit, R441-2-7: 29/02/2028 gives 27/02/2029, 365 days).
    /// </summary>
    private static readonly Dictionary<string, Instant> Instants = new()
    {
        ["31/12/2026 23:30"] = new(new(2026, 12, 31, 23, 30, 0, Hiver), new(2027, 1, 1, 0, 30, 0, Hiver), new(2027, 12, 30)),
        ["01/01/2027 00:30"] = new(new(2027, 1, 1, 0, 30, 0, Hiver), new(2027, 1, 1, 1, 30, 0, Hiver), new(2027, 12, 31)),
        ["29/03/2026 01:30, heure d'hiver"] = new(new(2026, 3, 29, 1, 30, 0, Hiver), new(2026, 3, 29, 3, 30, 0, Ete), new(2027, 3, 28)),
        ["29/03/2026 03:30, heure d'été"] = new(new(2026, 3, 29, 3, 30, 0, Ete), new(2026, 3, 29, 4, 30, 0, Ete), new(2027, 3, 28)),
        ["25/10/2026 02:30, la première (heure d'été)"] = new(new(2026, 10, 25, 2, 30, 0, Ete), new(2026, 10, 25, 2, 30, 0, Hiver), new(2027, 10, 24)),
        ["25/10/2026 02:30, la seconde (heure d'hiver)"] = new(new(2026, 10, 25, 2, 30, 0, Hiver), new(2026, 10, 25, 3, 30, 0, Hiver), new(2027, 10, 24)),
        ["29/02/2028 00:30"] = new(new(2028, 2, 29, 0, 30, 0, Hiver), new(2028, 2, 29, 1, 30, 0, Hiver), new(2029, 2, 27)),
    };

    public static TheoryData<string> NomsDesInstants => [.. Instants.Keys];

    private const string Version2027 = "2027.1-test";
    private static readonly Siren Gapeau = Siren.Create("248300410");
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly Agent AgentEpci = new(Guid.Parse("00000000-0000-0000-0000-0000000e0a01"), "Camille Martin", Role.AgentEpci, new Perimetre(Gapeau));

    private static readonly Lazy<(Epci Epci, List<Commune> Communes)> Territoire = new(() =>
    {
        var reference = TerritoireSemeFixture.Reference;
        return (reference.Epcis().Single(e => e.Siren == Gapeau),
            [.. reference.Communes().Where(c => c.EpciSiren == Gapeau).OrderBy(c => c.CodeInsee.Value, StringComparer.Ordinal)]);
    });

    private static string Commune(int i) => Territoire.Value.Communes[i].CodeInsee.Value;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string JjMmAaaa(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Court(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A fresh database holding the EPCI and its communes (the national reference data is not needed).</summary>
    private static async Task<OptionsBase> BaseAsync(string f, string nom)
    {
        var options = await BasesDeTest.CreerAsync(f, nom);
        await using var db = BasesDeTest.Ouvrir(options);
        db.Epcis.Add(Territoire.Value.Epci);
        db.Communes.AddRange(Territoire.Value.Communes);
        // The EPCI registers the demands (L441-2-1): its own registering service.
        db.Guichets.Add(GuichetEnregistreur.Creer(Gapeau, "G0001", "Service habitat", "", "", OrganisationGuichet.Epci, Gapeau.Value).Valeur);
        await db.SaveChangesAsync();
        return options;
    }

    /// <summary>A registration as typed at the guichet (or sent to the API).</summary>
    private static DemandeSaisie Saisie(string nom, string? depot = null, int commune = 0) => new(
        [new PersonneSaisie(nom, "Alice", "1985-05-12", "Demandeur", "Feminin", "Francaise", null, "Cdi", [new RessourceSaisie("Salaire", 1450m)])],
        new AdresseSaisie("12 rue des Tests", null, "83390", "Cuers"), "0639980000", null, false, "Celibataire", 16_800m,
        new LogementActuelSaisie("LocataireParcPrive", null, 650m, 30m), ["LogementTropCher"], "LogementTropCher",
        new SouhaitsSaisie(["T2"], [Commune(commune)], false, 500m, null, false, false), null, DateDepot: depot);

    private static readonly Acteur Guichet = new(new AuteurId(Guid.Parse("00000000-0000-0000-0000-0000000e0a02")), "Guichet de Cuers");

    private static DateTimeOffset Le(DateOnly jour) => new(jour.ToDateTime(new TimeOnly(10, 0)), Hiver);

    /// <summary>A demand registered long before the instant (numbers far from those the tests give).</summary>
    private static Demande Ancienne(DateOnly depot, int sequence, string nom)
    {
        var personne = new PersonneALoger(nom, "Léa", new DateOnly(1990, 4, 12), LienPersonne.Demandeur, Sexe.Feminin, Nationalite.Francaise, null,
            SituationProfessionnelle.Cdi, [new Ressource(TypeRessource.Salaire, 1400m)]);
        var contenu = ContenuDemande.Creer([personne],
            new Coordonnees(new AdressePostale("3 place de la Mairie", null, "83390", "Cuers"), "0639981234", null, false),
            SituationFamiliale.Celibataire, 16_800m, new LogementActuel(StatutLogementActuel.LocataireParcPrive, null, 720m, 38m),
            [MotifDemande.LogementTropCher], MotifDemande.LogementTropCher,
            new Souhaits([Typologie.T2], [CodeInsee.Create(Commune(0))], false, 600m, null, false, false), null).Valeur;
        return Demande.Enregistrer(new DemandeId(Guid.NewGuid()), NumeroUnique.Creer("083", depot, 900_000 + sequence, "G0001").Valeur, contenu,
            CanalDepot.Guichet, depot, Le(depot), Guichet).Valeur;
    }

    /// <summary>The deposit date, near <paramref name="environ"/>, of a demand whose last day of validity (one year after the deposit, less a day) satisfies <paramref name="voulu"/>.</summary>
    private static DateOnly Depot(DateOnly environ, Func<DateOnly, bool> voulu, bool plusRecent = false)
    {
        var candidats = Enumerable.Range(-45, 91).Select(environ.AddDays).Where(d => voulu(d.AddYears(1).AddDays(-1))).ToList();
        Assert.NotEmpty(candidats);
        return plusRecent ? candidats.Max() : candidats.Min();
    }

    private static async Task AjouterAsync(OptionsBase options, params Demande[] demandes)
    {
        await using var db = BasesDeTest.Ouvrir(options);
        foreach (var d in demandes) db.AjouterDemande(d, Gapeau);
        await db.SaveChangesAsync();
    }

    private static async Task<Demande> LireAsync(OptionsBase options, NumeroUnique numero)
    {
        await using var db = BasesDeTest.Ouvrir(options);
        return await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == numero);
    }

    private static void MemeHeureEnFrance(DateTimeOffset attendu, DateTimeOffset lu)
    {
        Assert.Equal(attendu, lu);
        Assert.Equal((attendu.DateTime, attendu.Offset), (lu.DateTime, lu.Offset));
    }

    // ------------------------------------------------------------------------------------------------ cycle de vie

    [Theory, DeuxBases(nameof(NomsDesInstants))]
    public async Task Une_demande_enregistree_mise_a_jour_renouvelee_et_radiee_porte_les_dates_francaises(string f, string instant)
    {
        var cas = Instants[instant];
        var jour = cas.Jour;
        var options = await BaseAsync(f, "cycle");
        var horloge = Horloges.Fixe(cas.Paris);

        // Older demands at the edges of their validity on that French day.
        var finAujourdhui = Ancienne(Depot(jour.AddYears(-1), fin => fin == jour), 1, "Finaujourdhui");
        var ouverteAujourdhui = Ancienne(Depot(jour.AddMonths(-9), fin => fin.AddMonths(-3) == jour), 2, "Ouverteaujourdhui");
        var ouvreDemain = Ancienne(Depot(jour.AddMonths(-9), fin => fin.AddMonths(-3) == jour.AddDays(1)), 3, "Ouvredemain");
        var expiree = Ancienne(Depot(jour.AddYears(-1), fin => fin < jour, plusRecent: true), 4, "Expiree");
        Assert.Equal(jour, finAujourdhui.DateFinValidite);
        Assert.True(expiree.DateFinValidite < jour);
        // Its renewal notice went out in time: the deadline it set is the end of validity (R441-2-7).
        Assert.True(expiree.NoterRappelEnvoye(Le(DelaisAvis.ParDefaut.EnvoiAvis(expiree.DateFinValidite)), Guichet, DelaisAvis.ParDefaut, [CanalMessage.CourrierPostal]).EstReussi);
        await AjouterAsync(options, finAujourdhui, ouverteAujourdhui, ouvreDemain, expiree);

        NumeroUnique numero;
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var service = new DemandesService(db, horloge, Grilles(horloge));
            // Registered that night: the deposit date, the year of the number, the instant of the event are French.
            var lendemain = await service.EnregistrerAsync(AgentEpci, Saisie("Lendemain", depot: Iso(jour.AddDays(1))), default);
            Assert.Equal(NatureEchec.Invalide, lendemain.Probleme?.Nature);
            Assert.Contains("postérieure", Assert.Single(lendemain.Probleme!.Champs["dateDepot"]), StringComparison.Ordinal);
            var duJour = await service.EnregistrerAsync(AgentEpci, Saisie("Dujour", depot: Iso(jour)), default);
            Assert.True(Reussi(duJour));
            var issue = await service.EnregistrerAsync(AgentEpci, Saisie("Instant"), default);
            Assert.True(Reussi(issue));
            numero = issue.Valeur!;
            // The national number: territory, month and year of the French day of deposit, the EPCI's registering service.
            Assert.Equal(("083", jour.Month, jour.Year % 100, "G0001"), (numero.Territoire, numero.Mois, numero.Annee, numero.Guichet));
            Assert.Equal((jour.Year % 100, 1), (duJour.Valeur!.Annee, duJour.Valeur.Sequence));
            Assert.Equal(2, numero.Sequence);

            var vue = (await service.LireAsync(AgentEpci, numero.Valeur, default)).Valeur!;
            Assert.Equal((jour, (DateOnly?)null, cas.FinValidite), (vue.DateDepot, vue.DateDernierRenouvellement, vue.DateFinValidite));
            var enregistrement = Assert.Single((await service.EvenementsAsync(AgentEpci, numero.Valeur, default)).Valeur!);
            MemeHeureEnFrance(cas.Paris, enregistrement.Quand);
            Assert.Contains($"le {Court(jour)}", (await LireAsync(options, numero)).Evenements[0].Resume, StringComparison.Ordinal);

            // At the instant, the renewals at the edges of the window: open today, last day today; not yet; too late.
            Assert.True(Reussi((await service.RenouvelerAsync(AgentEpci, finAujourdhui.Numero.Valeur, default))));
            Assert.True(Reussi((await service.RenouvelerAsync(AgentEpci, ouverteAujourdhui.Numero.Valeur, default))));
            var pasEncore = await service.RenouvelerAsync(AgentEpci, ouvreDemain.Numero.Valeur, default);
            Assert.Equal(NatureEchec.Conflit, pasEncore.Probleme?.Nature);
            Assert.Contains($"qu'à partir du {Court(jour.AddDays(1))}", pasEncore.Motif, StringComparison.Ordinal);
            var tropTard = await service.RenouvelerAsync(AgentEpci, expiree.Numero.Valeur, default);
            Assert.Equal(NatureEchec.Conflit, tropTard.Probleme?.Nature);
            Assert.Contains($"a pris fin le {Court(expiree.DateFinValidite)}", tropTard.Motif, StringComparison.Ordinal);
            // The expired one is radiated for non-renewal (R441-2-8 e) that French day.
            Assert.True(Reussi((await service.RadierAsync(AgentEpci, expiree.Numero.Valeur, MotifRadiation.NonRenouvellement, default))));
        }
        foreach (var renouvelee in new[] { finAujourdhui, ouverteAujourdhui })
        {
            var d = await LireAsync(options, renouvelee.Numero);
            Assert.Equal((jour, cas.FinValidite), (d.DateDernierRenouvellement, d.DateFinValidite));
            Assert.Equal(cas.Paris, d.Evenements[^1].Quand);
        }
        Assert.Null((await LireAsync(options, ouvreDemain.Numero)).DateDernierRenouvellement);
        var radieeCeJour = await LireAsync(options, expiree.Numero);
        Assert.Equal((StatutDemande.Radiee, (DateOnly?)jour), (radieeCeJour.Statut, radieeCeJour.DateRadiation));

        // One hour later (the next French day after 23:30, the other 02:30 in autumn): updated, deposit date kept.
        horloge.Advance(TimeSpan.FromHours(1));
        var ouverture = cas.FinValidite.AddMonths(-3);
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var service = new DemandesService(db, horloge, Grilles(horloge));
            Assert.True(Reussi((await service.MettreAJourAsync(AgentEpci, numero.Valeur, Saisie("Instant", commune: 1), default))));
            var evenements = (await service.EvenementsAsync(AgentEpci, numero.Valeur, default)).Valeur!;
            MemeHeureEnFrance(cas.UneHeurePlusTard, evenements[^1].Quand);
            Assert.Equal(jour, (await service.LireAsync(AgentEpci, numero.Valeur, default)).Valeur!.DateDepot);
            Assert.Equal($"Demande mise à jour, date de dépôt du {Court(jour)} conservée", (await LireAsync(options, numero)).Evenements[^1].Resume);

            // The renewal window opens three months before the end of validity, at midnight in France, not before.
            horloge.Le(ouverture.AddDays(-1), 23);
            horloge.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal(NatureEchec.Conflit, (await service.RenouvelerAsync(AgentEpci, numero.Valeur, default)).Probleme?.Nature);
            horloge.Le(ouverture, 0);
            horloge.Advance(TimeSpan.FromMinutes(30));
            Assert.True(Reussi((await service.RenouvelerAsync(AgentEpci, numero.Valeur, default))));
            Assert.True(Reussi((await service.RadierAsync(AgentEpci, numero.Valeur, MotifRadiation.Renonciation, default))));
        }
        var radiee = await LireAsync(options, numero);
        Assert.Equal((jour, (DateOnly?)ouverture, ouverture.AddYears(1).AddDays(-1)), (radiee.DateDepot, radiee.DateDernierRenouvellement, radiee.DateFinValidite));
        Assert.Equal((StatutDemande.Radiee, (DateOnly?)ouverture), (radiee.Statut, radiee.DateRadiation));
        Assert.Equal([TypeEvenementDemande.Enregistrement, TypeEvenementDemande.MiseAJour, TypeEvenementDemande.Renouvellement, TypeEvenementDemande.Radiation],
            radiee.Evenements.Select(e => e.Type));

        // The journal, read by French day: the registration on its day, the update on its own (the 1st of January after 23:30).
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var journal = new JournalService(db, horloge, new DemandesService(db, horloge, Grilles(horloge)));
            async Task<IReadOnlyList<LigneJournal>> LignesAsync(DateOnly du, string action) =>
                (await journal.RechercherAsync(AgentEpci, new FiltreJournal(du, du, null, null, action, new DemandesService.CleDemande(numero, null)), 1, 50, default)).Valeur!.Elements;
            MemeHeureEnFrance(cas.Paris, Assert.Single(await LignesAsync(jour, ActionsAudit.Enregistrement)).Quand);
            Assert.Empty(await LignesAsync(jour.AddDays(-1), ActionsAudit.Enregistrement));
            Assert.Empty(await LignesAsync(jour.AddDays(1), ActionsAudit.Enregistrement));
            MemeHeureEnFrance(cas.UneHeurePlusTard, Assert.Single(await LignesAsync(cas.JourUneHeurePlusTard, ActionsAudit.MiseAJour)).Quand);
            Assert.Empty(await LignesAsync(cas.JourUneHeurePlusTard.AddDays(-1), ActionsAudit.MiseAJour));
            Assert.Single(await LignesAsync(ouverture, ActionsAudit.Radiation));
            var audit = await db.Audit.AsNoTracking().Where(a => a.Action == ActionsAudit.Radiation).Select(a => a.Quand).ToListAsync();
            Assert.Contains(cas.Paris, audit);
        }
        // And the clock of the case reads as announced in France.
        var controle = Horloges.Fixe(cas.Paris);
        Assert.Equal(jour, controle.AujourdhuiEnFrance());
        MemeHeureEnFrance(cas.Paris, controle.MaintenantEnFrance());
    }

    // ------------------------------------------------------------------------------------------------ import

    /// <summary>A file of <paramref name="nombre"/> synthetic demands of the territory deposited on <paramref name="depot"/>, without numbers (the import gives them).</summary>
    private static string Fichier(DateOnly depot, int nombre, int graine)
    {
        var generation = Territoire.Value.Communes.Select(c => new CommuneDeGeneration(c.CodeInsee, c.Nom, "83390", c.Population, 0.1)).ToList();
        var demandes = GenerateurDemandes.Generer(new ParametresGeneration(graine, nombre, "083", depot, generation,
            FenetreRenouvellement.Creer(3).Valeur, ProfilDemandes.Defaut)).Valeur;
        var entete = FormatFichierDemandes.EnteteExport();
        var sb = new StringBuilder();
        using var w = new StringWriter(sb);
        FormatFichierDemandes.EcrireLigne(w, entete);
        for (var i = 0; i < demandes.Count; i++)
        {
            var champs = FormatFichierDemandes.Champs(demandes[i].Numero, depot, demandes[i].Canal, demandes[i].Contenu).ToList();
            champs[0] = "";
            // One line without a deposit date: it is the day of the import.
            if (i == 1) champs[1] = "";
            FormatFichierDemandes.EcrireLigne(w, champs);
        }
        return sb.ToString();
    }

    [Theory, DeuxBases(nameof(NomsDesInstants))]
    public async Task L_import_accepte_les_demandes_du_jour_francais_et_refuse_celles_du_lendemain(string f, string instant)
    {
        var cas = Instants[instant];
        var jour = cas.Jour;
        var options = await BaseAsync(f, "import");
        var horloge = Horloges.Fixe(cas.Paris);

        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var service = new DemandesService(db, horloge, Grilles(horloge));
            var lendemain = await service.ImporterAsync(AgentEpci, Fichier(jour.AddDays(1), 1, 5), essai: false, default);
            Assert.False(lendemain.Valeur.EstValide);
            Assert.All(lendemain.Valeur.Rapport.Erreurs, e => Assert.Equal((2, FormatFichierDemandes.DateDepot), (e.Ligne, e.Colonne)));
            Assert.Contains(lendemain.Valeur.Rapport.Erreurs, e => e.Motif.Contains($"du {JjMmAaaa(jour.AddDays(1))} est postérieure au jour de l'enregistrement ({JjMmAaaa(jour)})", StringComparison.Ordinal));
            Assert.Equal(0, lendemain.Valeur.Importees);

            var csv = Fichier(jour, 12, 7);
            var essai = await service.ImporterAsync(AgentEpci, csv, essai: true, default);
            Assert.True(essai.Valeur!.EstValide, string.Join("\n", essai.Valeur.Rapport.Erreurs));
            var import = await service.ImporterAsync(AgentEpci, csv, essai: false, default);
            Assert.True(import.Valeur.EstValide);
            Assert.Equal(12, import.Valeur.Importees);
        }

        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var demandes = await db.Demandes.AsNoTracking().OrderBy(d => d.Numero).ToListAsync();
            Assert.Equal(12, demandes.Count);
            Assert.All(demandes, d =>
            {
                Assert.Equal((jour, cas.FinValidite), (d.DateDepot, d.DateFinValidite));
                Assert.Equal(("083", jour.Month, jour.Year % 100, "G0001"), (d.Numero.Territoire, d.Numero.Mois, d.Numero.Annee, d.Numero.Guichet));
                Assert.Equal(cas.Paris, Assert.Single(d.Evenements).Quand);
            });
            Assert.Equal(Enumerable.Range(1, 12), demandes.Select(d => d.Numero.Sequence).Order());
            Assert.Equal(12, (await db.SequencesNumero.AsNoTracking().SingleAsync(s => s.Territoire == "083" && s.Annee == jour.Year && s.Mois == jour.Month)).Dernier);
            Assert.Equal(cas.Paris, (await db.Audit.AsNoTracking().SingleAsync(a => a.Action == ActionsAudit.Import)).Quand);
            var journal = new JournalService(db, horloge, new DemandesService(db, horloge, Grilles(horloge)));
            Assert.Equal(1, (await journal.RechercherAsync(AgentEpci, new FiltreJournal(jour, jour, null, null, ActionsAudit.Import, null), 1, 10, default)).Valeur!.Total);
            Assert.Equal(0, (await journal.RechercherAsync(AgentEpci, new FiltreJournal(jour.AddDays(-1), jour.AddDays(-1), null, null, ActionsAudit.Import, null), 1, 10, default)).Valeur!.Total);
        }
    }

    // ------------------------------------------------------------------------------------------------ traitement quotidien

    [Theory, DeuxBases(nameof(NomsDesInstants))]
    public async Task Le_traitement_quotidien_fait_ce_qui_est_du_ce_jour_francais_puis_purge_les_demandes_radiees(string f, string instant)
    {
        var cas = Instants[instant];
        var jour = cas.Jour;
        var options = await BaseAsync(f, "relances");

        // Due that French day: the reminder (one month before the end of validity), the radiation the day after expiry.
        var rappel = Ancienne(Depot(jour.AddMonths(-11), fin => DelaisAvis.ParDefaut.EnvoiAvis(fin) == jour), 1, "Rappel");
        var rappelDemain = Ancienne(Depot(jour.AddMonths(-11), fin => DelaisAvis.ParDefaut.EnvoiAvis(fin) == jour.AddDays(1)), 2, "Rappeldemain");
        var expiree = Ancienne(Depot(jour.AddYears(-1), fin => fin < jour, plusRecent: true), 3, "Expiree");
        var dernierJour = Ancienne(Depot(jour.AddYears(-1), fin => fin == jour), 4, "Dernierjour");
        foreach (var d in new[] { expiree, dernierJour }) Assert.True(d.NoterRappelEnvoye(Le(DelaisAvis.ParDefaut.EnvoiAvis(d.DateFinValidite)), Guichet, DelaisAvis.ParDefaut, [CanalMessage.CourrierPostal]).EstReussi);
        Assert.Equal(jour, DelaisAvis.ParDefaut.EnvoiAvis(rappel.DateFinValidite));
        // Retention: radiated twelve months and one day before that French day, and exactly twelve months before.
        var limite = jour.AddMonths(-12);
        var aPurger = Ancienne(limite.AddDays(-40), 5, "Apurger");
        Assert.True(aPurger.Radier(MotifRadiation.Renonciation, Le(limite.AddDays(-1)), Guichet).EstReussi);
        var aGarder = Ancienne(limite.AddDays(-40), 6, "Agarder");
        Assert.True(aGarder.Radier(MotifRadiation.Renonciation, Le(limite), Guichet).EstReussi);
        await AjouterAsync(options, rappel, rappelDemain, expiree, dernierJour, aPurger, aGarder);

        var attendu = new Dictionary<string, TypeRelance>
        {
            [rappel.Numero.Valeur] = TypeRelance.RappelRenouvellement,
            [expiree.Numero.Valeur] = TypeRelance.RadiationNonRenouvellement,
        };
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            // The domain's own decision for that day, over every demand of the database, is what the run must find.
            var toutes = await db.Demandes.AsNoTracking().ToListAsync();
            var selonLeDomaine = toutes.Select(d => (d.Numero.Valeur, Type: PlanRelances.Decider(d, jour, ParametresRelances.ParDefaut)))
                .Where(x => x.Type is not null).ToDictionary(x => x.Valeur, x => x.Type!.Value);
            Assert.Equal(attendu, selonLeDomaine);
        }

        var horloge = Horloges.Fixe(cas.Paris);
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var traitement = new TraitementRelances(db, horloge, ParametresRelances.ParDefaut);
            var r = await traitement.ExecuterAsync(Gapeau, null, essai: false, OrigineExecution.Planifiee, "test");
            Assert.Equal(attendu, r.Lignes.ToDictionary(l => l.Numero, l => l.Type));
            Assert.Equal((jour, 0), (r.Jour, r.Echecs));
            // The same run again at the same instant: nothing more.
            Assert.Empty((await new TraitementRelances(db, horloge, ParametresRelances.ParDefaut).ExecuterAsync(Gapeau, null, false, OrigineExecution.Planifiee, "test")).ParType);

            // Then the retention purge of the scheduled job, for the same French day.
            var purge = await new PurgeDemandes(db).PurgerAsync(traitement.Aujourdhui(), 12, essai: false, horloge.GetUtcNow());
            Assert.Equal(limite, purge.RadieesAvant);
            Assert.Equal(new Dictionary<Siren, int> { [Gapeau] = 1 }, purge.ParEpci);
        }

        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var rappelee = await db.Demandes.AsNoTracking().SingleAsync(d => d.Id == rappel.Id);
            Assert.Equal(jour, rappelee.RappelEnvoyeLe);
            Assert.Equal((TypeEvenementDemande.RappelRenouvellement, cas.Paris), (rappelee.Evenements[^1].Type, rappelee.Evenements[^1].Quand));
            var radiee = await db.Demandes.AsNoTracking().SingleAsync(d => d.Id == expiree.Id);
            Assert.Equal((StatutDemande.Radiee, MotifRadiation.NonRenouvellement, (DateOnly?)jour), (radiee.Statut, radiee.MotifRadiation!.Value, radiee.DateRadiation));
            Assert.Equal((TypeEvenementDemande.Radiation, cas.Paris), (radiee.Evenements[^1].Type, radiee.Evenements[^1].Quand));
            foreach (var rien in new[] { rappelDemain, dernierJour })
            {
                var d = await db.Demandes.AsNoTracking().SingleAsync(x => x.Id == rien.Id);
                Assert.Equal((StatutDemande.Active, rien.RappelEnvoyeLe, rien.Evenements.Count), (d.Statut, d.RappelEnvoyeLe, d.Evenements.Count));
            }
            Assert.False(await db.Demandes.AnyAsync(d => d.Id == aPurger.Id));
            Assert.True(await db.Demandes.AnyAsync(d => d.Id == aGarder.Id));

            var avis = await db.Messages.AsNoTracking().Where(m => m.DemandeId == expiree.Id && m.Canal == CanalMessage.CourrierPostal).SingleAsync();
            Assert.Contains($"radiée le {jour.ToString("d MMMM yyyy", Fr)}", avis.Corps, StringComparison.Ordinal);
            var lettre = await db.Messages.AsNoTracking().Where(m => m.DemandeId == rappel.Id && m.Canal == CanalMessage.CourrierPostal).SingleAsync();
            Assert.Contains($"valable jusqu'au {rappel.DateFinValidite.ToString("d MMMM yyyy", Fr)}", lettre.Corps, StringComparison.Ordinal);

            var executions = await db.ExecutionsRelances.AsNoTracking().ToListAsync();
            Assert.Equal(2, executions.Count);
            Assert.All(executions, x => Assert.Equal((jour, cas.Paris.UtcDateTime), (x.Jour, x.DebutLe)));
            var audit = await db.Audit.AsNoTracking().Where(a => a.DemandeId == rappel.Id || a.DemandeId == expiree.Id || a.Action == ActionsAudit.PurgeDemandes).ToListAsync();
            Assert.Equal(3, audit.Count);
            Assert.All(audit, a => Assert.Equal(cas.Paris, a.Quand));
        }
    }

    // ------------------------------------------------------------------------------------------------ semis et cotation

    /// <summary>
    /// The two TPM demonstration grids made the grids of the Gapeau, and copies of both that take effect on 1 January 2027
    /// (version <see cref="Version2027"/>): the grid in force changes at midnight in France.
    /// </summary>
    private static readonly Lazy<string> DossierGrilles = new(() =>
    {
        var source = DossierDonnees.TrouverGrilles();
        var dossier = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "logis-tests", $"grilles-gapeau-{Guid.NewGuid():N}")).FullName;
        foreach (var fichier in Directory.GetFiles(source, "*.json").Where(x => !x.EndsWith(".schema.json", StringComparison.Ordinal)))
        {
            var nom = Path.GetFileNameWithoutExtension(fichier);
            var grille = JsonNode.Parse(File.ReadAllText(fichier))!;
            grille["territoire"] = Gapeau.Value;
            File.WriteAllText(Path.Combine(dossier, $"{nom}.json"), grille.ToJsonString());
            grille["id"] = $"{grille["id"]}_2027";
            grille["version"] = Version2027;
            grille["dateEffet"] = "2027-01-01";
            File.WriteAllText(Path.Combine(dossier, $"{nom}-2027.json"), grille.ToJsonString());
        }
        return dossier;
    });

    /// <summary>Success, or the failure's reason as the assertion message.</summary>
    private static bool Reussi<T>(Resultat<T> r) => r.EstReussi ? true : throw new Xunit.Sdk.XunitException(r.Motif);

    private static GrillesCotation Grilles(TimeProvider horloge) => GrillesCotation.Charger(DossierGrilles.Value, Gapeau, horloge);

    /// <summary>The demonstration seeding of the web app at startup: the territory, then 60 synthetic demands, at the clock's instant.</summary>
    private static async Task SemerAsync(OptionsBase options, TimeProvider horloge)
    {
        await using var db = BasesDeTest.Ouvrir(options);
        var territoire = await new TerritoireSeeder(db, TerritoireSemeFixture.Reference, horloge).SemerAsync(Gapeau, 2026, comptesDemo: true);
        Assert.False(territoire.DejaPresent);
        Assert.True(territoire.Logements > 500);
        Assert.Equal(60, (await new DemandesSeeder(db, horloge).SemerAsync(Gapeau, 7, 60)).Nombre);
    }

    [Theory, DeuxBases(nameof(NomsDesInstants))]
    public async Task Le_semis_de_demo_puis_le_recalcul_des_cotations_suivent_le_jour_francais(string f, string instant)
    {
        var cas = Instants[instant];
        var jour = cas.Jour;
        var options = await BaseAsync(f, "semis");
        var horloge = Horloges.Fixe(cas.Paris);

        await SemerAsync(options, horloge);

        Dictionary<(int, int), int> derniers;
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            Assert.Equal(cas.Paris, (await db.TerritoiresHeberges.AsNoTracking().SingleAsync()).CreeLe);
            var demandes = await db.Demandes.AsNoTracking().AsSplitQuery().ToListAsync();
            Assert.Equal(60, demandes.Count);
            // Deposited at the latest that French day (some that very day), numbered in the month of their deposit.
            Assert.All(demandes, d => Assert.True(d.DateDepot <= jour, $"{d.Numero} déposée le {Court(d.DateDepot)}"));
            Assert.All(demandes, d => Assert.True(d.Numero.CorrespondAuDepot(d.DateDepot), $"{d.Numero} déposée le {Court(d.DateDepot)}"));
            derniers = demandes.GroupBy(d => (2000 + d.Numero.Annee, d.Numero.Mois)).ToDictionary(g => g.Key, g => g.Max(d => d.Numero.Sequence));
            Assert.All(await db.SequencesNumero.AsNoTracking().ToListAsync(), s => Assert.Equal(derniers[(s.Annee, s.Mois)], s.Dernier));
        }

        // The rescoring act of the web app and the command line: the grid in force on the French day, the instant of the clock.
        var grilles = Grilles(horloge);
        ResultatRecalcul r;
        await using (var db = BasesDeTest.Ouvrir(options))
            r = await new RecalculerCotations(db, grilles).ExecuterAsync(Gapeau, null, default);
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var actives = await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => d.Statut == StatutDemande.Active).ToListAsync();
            Assert.Equal((actives.Count, actives.Count, 0), (r.Demandes, r.Cotees, r.SansGrille));
            var stockees = await db.CotationsDemandes.AsNoTracking().Where(c => c.Total != null).ToDictionaryAsync(c => c.DemandeId);
            Assert.Equal(actives.Count, stockees.Count);
            var jeu = grilles.Registre.JeuEnVigueur(Gapeau, jour)!;
            foreach (var d in actives)
            {
                var faits = FaitsDepuisDemande.Construire(d, jour);
                var grille = jeu.Pour(in faits);
                var s = stockees[d.Id];
                Assert.Equal((cas.VersionGrilles, grille.Grille.Id, grille.Calculer(in faits)), (s.Version!, s.GrilleId!, s.Total!.Value));
                Assert.Equal(cas.Paris, s.CalculeeLe);
            }
        }

        // A registration after the seeding continues the numbering of that French month.
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var issue = await new DemandesService(db, horloge, Grilles(horloge)).EnregistrerAsync(AgentEpci, Saisie("Apressemis"), default);
            Assert.True(Reussi(issue));
            Assert.Equal(("083", jour.Month, jour.Year % 100, derniers.GetValueOrDefault((jour.Year, jour.Month)) + 1),
                (issue.Valeur!.Territoire, issue.Valeur.Mois, issue.Valeur.Annee, issue.Valeur.Sequence));
        }
    }

    /// <summary>
    /// A demo seeded in the night must not date acts after its own instant: an agent acting on a demand right after the seeding
    /// (here, updating it) would be refused (« un acte ne peut pas être daté avant le dernier événement »).
    /// </summary>
    [Theory, DeuxBases(nameof(NomsDesInstants))]
    public async Task Le_semis_de_demo_ne_date_aucun_acte_apres_son_instant(string f, string instant)
    {
        var cas = Instants[instant];
        var options = await BaseAsync(f, "semisfutur");
        await SemerAsync(options, Horloges.Fixe(cas.Paris));
        await using var db = BasesDeTest.Ouvrir(options);
        var actives = await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => d.Statut == StatutDemande.Active).ToListAsync();
        Assert.All(actives, d =>
        {
            Assert.All(d.Evenements, e => Assert.True(e.Quand <= cas.Paris, $"{d.Numero} : {e.Type} le {HeureFrance.EnFrance(e.Quand):yyyy-MM-dd HH:mm zzz}, après le semis"));
            Assert.True(d.MettreAJour(d.Contenu, cas.Paris, Guichet).EstReussi, $"{d.Numero} ne peut pas être mise à jour à l'instant du semis");
        });
    }
}
