using Microsoft.Extensions.Time.Testing;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Relances;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Logis.Application.Relances;

namespace Logis.Persistence.Tests;

/// <summary>
/// The daily lifecycle run on a real database (SQLite and PostgreSQL), with a fake clock: reminder exactly once a month
/// before expiry, radiation paths at their dates, nothing for renewed or radiated demands, idempotence, no half-written
/// demand when a save fails mid-run, message content, and the outbox's retries.
/// </summary>
public class RelancesTests
{
    private static readonly Siren Tpm = Siren.Create("248300543");
    private static readonly Acteur Guichet = new(new AuteurId(Guid.Parse("00000000-0000-0000-0000-0000000000a1")), "Guichet de Toulon");
    private static readonly LogementId Logement = new(Guid.Parse("00000000-0000-0000-0000-00000000b001"));
    public const string NirComplet = "185057800608491";

    private static DateOnly J(int a, int m, int j) => new(a, m, j);

    private static DateTimeOffset Le(DateOnly jour, int heure = 10) => new(jour.ToDateTime(new TimeOnly(heure, 0)), TimeSpan.FromHours(1));

    public static Demande Nouvelle(DateOnly depot, int sequence, bool courriel = false, string nom = "Martin")
    {
        var personne = new PersonneALoger(nom, "Léa", J(1990, 4, 12), LienPersonne.Demandeur, Sexe.Feminin, Nationalite.Francaise,
            Nir.Creer(NirComplet).Valeur, SituationProfessionnelle.Cdi, [new Ressource(TypeRessource.Salaire, 1400m)]);
        var contenu = ContenuDemande.Creer([personne],
            new Coordonnees(new AdressePostale("12 rue Picot", null, "83000", "Toulon"), "0639981234", courriel ? "lea.martin@example.org" : null, courriel),
            SituationFamiliale.Celibataire, 16800m, new LogementActuel(StatutLogementActuel.LocataireParcPrive, CodeInsee.Create("83137"), 720m, 38m),
            [MotifDemande.LogementTropCher], MotifDemande.LogementTropCher,
            new Souhaits([Typologie.T2], [CodeInsee.Create("83137")], false, 600m, null, false, false), null).Valeur;
        return Demande.Enregistrer(new DemandeId(Guid.NewGuid()), NumeroUnique.Creer("083", depot, sequence, "G0001").Valeur, contenu, CanalDepot.Guichet,
            depot, Le(depot), Guichet).Valeur;
    }

    private static async Task<OptionsBase> BaseAsync(string f, params Demande[] demandes)
    {
        var options = await BasesDeTest.CreerAsync(f, "relances");
        await using var db = BasesDeTest.Ouvrir(options);
        foreach (var d in demandes) db.AjouterDemande(d, Tpm);
        await db.SaveChangesAsync();
        return options;
    }

    private static async Task<ResultatRelances> LancerAsync(OptionsBase options, FakeTimeProvider horloge, DateOnly jour, bool essai = false, IInterceptor? intercepteur = null)
    {
        horloge.Le(jour);
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, options);
        if (intercepteur is not null) b.AddInterceptors(intercepteur);
        await using var db = new LogisDbContext(b.Options);
        return await new TraitementRelances(db, horloge, ParametresRelances.ParDefaut).ExecuterAsync(Tpm, null, essai, OrigineExecution.LigneDeCommande, "test");
    }

    private static async Task<Demande> LireAsync(OptionsBase options, DemandeId id)
    {
        await using var db = BasesDeTest.Ouvrir(options);
        return await db.Demandes.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    private static async Task<List<MessageDemandeur>> MessagesAsync(OptionsBase options, DemandeId id)
    {
        await using var db = BasesDeTest.Ouvrir(options);
        return await db.Messages.AsNoTracking().Where(m => m.DemandeId == id).OrderBy(m => m.CreeLe).ThenBy(m => m.Canal).ToListAsync();
    }

    [Theory, DeuxBases]
    public async Task Le_rappel_est_envoye_une_seule_fois_un_mois_avant_l_expiration_puis_la_radiation_au_lendemain(string f)
    {
        var demande = Nouvelle(J(2025, 3, 15), 1); // valid until 14/03/2026, last legal day 14/02/2026, notice sent from 07/02/2026
        var options = await BaseAsync(f, demande);
        var horloge = Horloges.ARegler();

        Assert.Equal(0, (await LancerAsync(options, horloge, J(2026, 2, 6))).Nombre(TypeRelance.RappelRenouvellement));
        var rappel = await LancerAsync(options, horloge, J(2026, 2, 7));
        Assert.Equal(1, rappel.Nombre(TypeRelance.RappelRenouvellement));
        Assert.Equal(2, rappel.MessagesCrees); // letter (no e-mail accepted) and SMS to the mobile
        var d = await LireAsync(options, demande.Id);
        Assert.Equal(J(2026, 2, 7), d.RappelEnvoyeLe);
        Assert.Equal(J(2026, 3, 14), d.EcheanceRenouvellement);
        Assert.Single(d.Evenements, e => e.Type == TypeEvenementDemande.RappelRenouvellement && e.AuteurId == TraitementRelances.Systeme);

        // Same day again, and the following days: nothing more.
        foreach (var jour in new[] { J(2026, 2, 7), J(2026, 2, 15), J(2026, 3, 14) })
        {
            var r = await LancerAsync(options, horloge, jour);
            Assert.Empty(r.ParType);
            Assert.Equal(0, r.MessagesCrees);
        }
        var messages = await MessagesAsync(options, demande.Id);
        Assert.Equal([CanalMessage.Sms, CanalMessage.CourrierPostal], messages.Select(m => m.Canal).Order());
        Assert.Single((await LireAsync(options, demande.Id)).Evenements, e => e.Type == TypeEvenementDemande.RappelRenouvellement);

        var courrier = messages.Single(m => m.Canal == CanalMessage.CourrierPostal);
        Assert.Contains(demande.Numero.Valeur, courrier.Sujet, StringComparison.Ordinal);
        Assert.Contains("14 mars 2026", courrier.Corps, StringComparison.Ordinal);
        Assert.Contains("7 février 2026", courrier.Corps, StringComparison.Ordinal);
        Assert.All(messages, m =>
        {
            Assert.DoesNotContain(NirComplet, m.Corps + m.Sujet + m.Destinataire, StringComparison.Ordinal);
            Assert.DoesNotContain(NirComplet[..13], m.Corps, StringComparison.Ordinal);
            Assert.Equal(StatutMessage.AEnvoyer, m.Statut);
        });

        // Expiry without renewal: radiation for non-renewal (R441-2-8 e) the day after the end of validity, with its message.
        var radiation = await LancerAsync(options, horloge, J(2026, 3, 15));
        Assert.Equal(1, radiation.Nombre(TypeRelance.RadiationNonRenouvellement));
        d = await LireAsync(options, demande.Id);
        Assert.Equal(StatutDemande.Radiee, d.Statut);
        Assert.Equal(MotifRadiation.NonRenouvellement, d.MotifRadiation);
        Assert.Equal(J(2026, 3, 15), d.DateRadiation);
        var avis = (await MessagesAsync(options, demande.Id)).Single(m => m.Type == TypeRelance.RadiationNonRenouvellement);
        Assert.Contains("radiée le 15 mars 2026", avis.Corps, StringComparison.Ordinal);
        Assert.Empty((await LancerAsync(options, horloge, J(2026, 3, 16))).ParType);

        await using var db = BasesDeTest.Ouvrir(options);
        Assert.Equal(2, await db.Audit.CountAsync(a => a.DemandeId == demande.Id));
        Assert.Equal(7, await db.ExecutionsRelances.CountAsync());
        Assert.All(await db.ExecutionsRelances.ToListAsync(), x => Assert.NotNull(x.FinLe));
    }

    [Theory, DeuxBases]
    public async Task Une_demande_renouvelee_ne_recoit_rien_et_une_demande_radiee_non_plus(string f)
    {
        var renouvelee = Nouvelle(J(2025, 3, 15), 1);
        Assert.True(renouvelee.Renouveler(Le(J(2026, 2, 1)), Guichet, FenetreRenouvellement.Creer(3).Valeur).EstReussi);
        var attribuee = Nouvelle(J(2025, 3, 15), 2);
        Assert.True(attribuee.ConstaterBailSigne(Logement, Le(J(2026, 1, 20)), Guichet).EstReussi);
        var options = await BaseAsync(f, renouvelee, attribuee);
        var horloge = Horloges.ARegler();
        foreach (var jour in new[] { J(2026, 2, 14), J(2026, 3, 15), J(2026, 4, 1) })
            Assert.Empty((await LancerAsync(options, horloge, jour)).ParType);
        Assert.Empty(await MessagesAsync(options, renouvelee.Id));
        Assert.Empty(await MessagesAsync(options, attribuee.Id));
        Assert.Equal(StatutDemande.Active, (await LireAsync(options, renouvelee.Id)).Statut);
    }

    [Theory, DeuxBases]
    public async Task L_irrecevabilite_donne_l_avertissement_la_radiation_un_mois_apres_sa_remise_et_l_expiree_sans_avis_recoit_un_avis_tardif(string f)
    {
        var irrecevable = Nouvelle(J(2025, 9, 1), 1, courriel: true);
        Assert.True(irrecevable.NoterDecisionCaleol(Logement, DecisionCaleol.Irrecevabilite, null, Le(J(2025, 11, 3)), Guichet, new MotivationCaleol([MotifDecisionCaleol.RessourcesAuDessusPlafonds])).EstReussi);
        var sansRappel = Nouvelle(J(2024, 10, 1), 2); // expired on 30/09/2025, never notified (imported late, for instance)
        var options = await BaseAsync(f, irrecevable, sansRappel);
        var horloge = Horloges.ARegler();

        var avertissement = await LancerAsync(options, horloge, J(2025, 11, 4));
        Assert.Equal(1, avertissement.Nombre(TypeRelance.AvertissementIrrecevabilite));
        Assert.Equal(1, avertissement.Nombre(TypeRelance.RappelRenouvellement));
        var messages = await MessagesAsync(options, irrecevable.Id);
        Assert.Equal([CanalMessage.Courriel, CanalMessage.CourrierPostal], messages.Select(m => m.Canal).Order());
        Assert.Contains("Lettre recommandée avec avis de réception", messages.Single(m => m.Canal == CanalMessage.CourrierPostal).Corps, StringComparison.Ordinal);
        Assert.Contains("un mois après la remise de cette lettre", messages[0].Corps, StringComparison.Ordinal);
        Assert.Equal("lea.martin@example.org", messages.Single(m => m.Canal == CanalMessage.Courriel).Destinataire);
        var tardif = await LireAsync(options, sansRappel.Id);
        Assert.Equal(J(2025, 12, 4), tardif.EcheanceRenouvellement);
        Assert.Contains("avis tardif : délai de renouvellement reporté au 04/12/2025", tardif.Evenements[^1].Resume, StringComparison.Ordinal);
        Assert.Contains("au plus tard le 4 décembre 2025", (await MessagesAsync(options, sansRappel.Id)).First(m => m.Canal == CanalMessage.CourrierPostal).Corps,
            StringComparison.Ordinal);

        // No delivery proof: no radiation, whatever the date.
        Assert.Equal(0, (await LancerAsync(options, horloge, J(2025, 12, 4))).Nombre(TypeRelance.RadiationIrrecevabilite));
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var d = await db.Demandes.SingleAsync(x => x.Id == irrecevable.Id);
            Assert.True(d.NoterRemiseAvertissement(MotifRadiation.Irrecevabilite, J(2025, 11, 7), "AR 1A 176 234 5678 9", DelaisAvis.ParDefaut,
                Le(J(2025, 12, 4), 11), Guichet).EstReussi);
            await db.SaveChangesAsync();
        }
        var lendemain = await LancerAsync(options, horloge, J(2025, 12, 5));
        Assert.Equal(0, lendemain.Nombre(TypeRelance.RadiationIrrecevabilite));
        Assert.Equal(1, lendemain.Nombre(TypeRelance.RadiationNonRenouvellement)); // the late notice's deadline passed on 04/12
        Assert.Equal(MotifRadiation.NonRenouvellement, (await LireAsync(options, sansRappel.Id)).MotifRadiation);
        Assert.Equal(0, (await LancerAsync(options, horloge, J(2025, 12, 6))).Nombre(TypeRelance.RadiationIrrecevabilite));
        Assert.Equal(1, (await LancerAsync(options, horloge, J(2025, 12, 7))).Nombre(TypeRelance.RadiationIrrecevabilite));
        Assert.Equal(MotifRadiation.Irrecevabilite, (await LireAsync(options, irrecevable.Id)).MotifRadiation);
    }

    [Theory, DeuxBases]
    public async Task L_essai_n_ecrit_rien(string f)
    {
        var demande = Nouvelle(J(2025, 3, 15), 1);
        var options = await BaseAsync(f, demande);
        var essai = await LancerAsync(options, Horloges.ARegler(), J(2026, 2, 20), essai: true);
        Assert.Null(essai.ExecutionId);
        Assert.Equal([new LigneRelance(demande.Numero.Valeur, TypeRelance.RappelRenouvellement, [CanalMessage.CourrierPostal, CanalMessage.Sms])],
            essai.Lignes.Select(l => l with { Canaux = [.. l.Canaux] }).ToList(), new ComparateurLignes());
        Assert.Null((await LireAsync(options, demande.Id)).RappelEnvoyeLe);
        await using var db = BasesDeTest.Ouvrir(options);
        Assert.Equal(0, await db.Messages.CountAsync());
        Assert.Equal(0, await db.ExecutionsRelances.CountAsync());
    }

    private sealed class ComparateurLignes : IEqualityComparer<LigneRelance>
    {
        public bool Equals(LigneRelance? x, LigneRelance? y) =>
            x!.Numero == y!.Numero && x.Type == y.Type && x.Canaux.SequenceEqual(y.Canaux) && x.Refus == y.Refus;

        public int GetHashCode(LigneRelance obj) => obj.Numero.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>Fails the save of the demand whose number is given (once): a database error in the middle of the run.</summary>
    private sealed class PanneALaSauvegarde(string numero) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<Demande>().Any(e => e.Entity.Numero.Valeur == numero))
                throw new DbUpdateException("Panne simulée de la base");
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    [Theory, DeuxBases]
    public async Task Une_panne_au_milieu_du_traitement_ne_laisse_aucune_demande_a_moitie_ecrite(string f)
    {
        var demandes = new[] { Nouvelle(J(2025, 3, 10), 1), Nouvelle(J(2025, 3, 11), 2), Nouvelle(J(2025, 3, 12), 3) };
        var options = await BaseAsync(f, demandes);
        var horloge = Horloges.ARegler();

        var r = await LancerAsync(options, horloge, J(2026, 2, 20), intercepteur: new PanneALaSauvegarde(demandes[1].Numero.Valeur));
        Assert.Equal(2, r.Nombre(TypeRelance.RappelRenouvellement));
        Assert.Equal(1, r.Echecs);
        var enPanne = await LireAsync(options, demandes[1].Id);
        Assert.Null(enPanne.RappelEnvoyeLe);
        Assert.Single(enPanne.Evenements);
        Assert.Empty(await MessagesAsync(options, demandes[1].Id));
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            Assert.Equal(0, await db.Audit.CountAsync(a => a.DemandeId == demandes[1].Id));
            var execution = await db.ExecutionsRelances.SingleAsync();
            Assert.Equal(1, execution.Echecs);
            Assert.Contains(demandes[1].Numero.Valeur, execution.Erreur, StringComparison.Ordinal);
            Assert.DoesNotContain("Panne simulée", execution.Erreur, StringComparison.Ordinal);
        }
        foreach (var d in new[] { demandes[0], demandes[2] })
        {
            Assert.NotNull((await LireAsync(options, d.Id)).RappelEnvoyeLe);
            Assert.Equal(2, (await MessagesAsync(options, d.Id)).Count);
        }

        // The next run, without the failure, catches up the demand left untouched, and only it.
        var reprise = await LancerAsync(options, horloge, J(2026, 2, 21));
        Assert.Equal([demandes[1].Numero.Valeur], reprise.Lignes.Select(l => l.Numero));
        Assert.Equal(2, (await MessagesAsync(options, demandes[1].Id)).Count);
    }

    /// <summary>A sender that fails the first <c>echecs</c> sends, then succeeds.</summary>
    private sealed class ExpediteurCapricieux(int echecs) : IExpediteurMessages
    {
        public int Appels { get; private set; }
        public string Nom => "Test";

        public Task EnvoyerAsync(MessageDemandeur message, CancellationToken ct) =>
            ++Appels <= echecs ? throw new IOException("Serveur de messagerie injoignable") : Task.CompletedTask;
    }

    [Theory, DeuxBases]
    public async Task Un_envoi_en_echec_est_reessaye_puis_marque_en_echec(string f)
    {
        var demande = Nouvelle(J(2025, 3, 15), 1, courriel: true);
        var options = await BaseAsync(f, demande);
        var horloge = Horloges.ARegler();
        await LancerAsync(options, horloge, J(2026, 2, 14));
        var politique = new PolitiqueEnvoi(3, TimeSpan.FromMinutes(15));
        var expediteur = new ExpediteurCapricieux(100);

        async Task<ResultatEnvoi> EnvoyerAsync()
        {
            await using var db = BasesDeTest.Ouvrir(options);
            return await new EnvoiMessages(db, expediteur, horloge, politique).EnvoyerAsync(Tpm);
        }

        Assert.Equal(new ResultatEnvoi(0, 0, 3), await EnvoyerAsync()); // letter, e-mail (R441-2-7 1°) and SMS: first attempt failed
        Assert.Equal(new ResultatEnvoi(0, 0, 0), await EnvoyerAsync()); // not yet time to retry
        var m = (await MessagesAsync(options, demande.Id)).First();
        Assert.Equal((StatutMessage.AEnvoyer, 1), (m.Statut, m.Tentatives));
        Assert.Contains("injoignable", m.DerniereErreur, StringComparison.Ordinal);

        horloge.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(new ResultatEnvoi(0, 0, 3), await EnvoyerAsync());
        horloge.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(new ResultatEnvoi(0, 3, 0), await EnvoyerAsync());
        horloge.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new ResultatEnvoi(0, 0, 0), await EnvoyerAsync());
        Assert.Equal(9, expediteur.Appels);
        Assert.All(await MessagesAsync(options, demande.Id), x => Assert.Equal((StatutMessage.Echec, 3), (x.Statut, x.Tentatives)));
    }

    [Theory, DeuxBases]
    public async Task L_expediteur_dossier_ecrit_un_courriel_eml_et_un_sms_sans_nir(string f)
    {
        var demande = Nouvelle(J(2025, 3, 15), 1, courriel: true);
        var options = await BaseAsync(f, demande);
        var horloge = Horloges.ARegler();
        await LancerAsync(options, horloge, J(2026, 2, 14));
        var dossier = Directory.CreateTempSubdirectory("logis-courriers").FullName;
        try
        {
            await using (var db = BasesDeTest.Ouvrir(options))
                Assert.Equal(new ResultatEnvoi(3, 0, 0), await new EnvoiMessages(db, new ExpediteurDossier(dossier, "ne-pas-repondre@logis.example.org"), horloge, PolitiqueEnvoi.ParDefaut).EnvoyerAsync());
            var eml = File.ReadAllText(Directory.GetFiles(dossier, "*.eml").Single());
            Assert.Contains("To: lea.martin@example.org", eml, StringComparison.Ordinal);
            Assert.Contains(demande.Numero.Valeur, eml, StringComparison.Ordinal);
            var sms = Directory.GetFiles(dossier, "*.txt").Select(File.ReadAllText).Single(t => t.StartsWith("SMS à", StringComparison.Ordinal));
            var lettre = Directory.GetFiles(dossier, "*.txt").Select(File.ReadAllText).Single(t => !t.StartsWith("SMS à", StringComparison.Ordinal));
            Assert.Contains("12 rue Picot", lettre, StringComparison.Ordinal);
            Assert.DoesNotContain(NirComplet, lettre, StringComparison.Ordinal);
            Assert.Contains("0639981234", sms, StringComparison.Ordinal);
            foreach (var texte in new[] { eml, sms }) Assert.DoesNotContain(NirComplet, texte, StringComparison.Ordinal);
            Assert.All(await MessagesAsync(options, demande.Id), m => Assert.Equal((StatutMessage.Envoye, 1), (m.Statut, m.Tentatives)));
        }
        finally
        {
            Directory.Delete(dossier, recursive: true);
        }
    }
}
