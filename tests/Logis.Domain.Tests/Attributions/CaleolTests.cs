using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Attributions;

/// <summary>
/// The CALEOL (L441-2, R441-3): the composition of a session, at least three candidates or a legal exception, the votes of the deliberative
/// members only with the mayor's casting vote on a tie, the remote session's deadline, the decisions and their mandatory reasons, the ranks.
/// </summary>
public class CaleolTests
{
    private static readonly Siren Epci = Siren.Create("248300543");
    private static readonly CodeInsee Toulon = CodeInsee.Create("83137");
    private static readonly CodeInsee LaSeyne = CodeInsee.Create("83126");
    private static readonly BailleurId Bailleur = new(Guid.Parse("00000000-0000-0000-0000-0000000000b1"));
    private static readonly Acteur Agent = new(new AuteurId(Guid.Parse("00000000-0000-0000-0000-0000000000a1")), "Office public");
    private static readonly DateOnly Jour = new(2026, 12, 10);
    private static readonly DateTimeOffset Seance = HeureFrance.A(Jour, new TimeOnly(14, 0));

    private static List<SaisieMembre> Membres(bool maire = true) =>
    [
        new("Mme Présidente", QualiteMembre.DesigneParBailleur, true, null),
        new("M. Désigné", QualiteMembre.DesigneParBailleur, false, null),
        new("Mme Locataires", QualiteMembre.RepresentantLocataires, false, null),
        .. maire ? new[] { new SaisieMembre("M. le Maire", QualiteMembre.Maire, false, Toulon) } : [],
        new("Mme la Préfète", QualiteMembre.Prefet, false, null),
        new("M. Isft", QualiteMembre.Isft, false, null),
    ];

    private static SeanceCaleol NouvelleSeance(ModaliteSeance modalite = ModaliteSeance.Presentielle, DateTimeOffset? cloture = null, bool maire = true)
    {
        var s = SeanceCaleol.Creer(new SeanceCaleolId(Guid.NewGuid()), Epci, Bailleur, new SaisieSeance(Jour, modalite, cloture, Membres(maire)), Seance.AddDays(-7));
        Assert.True(s.EstReussi, s.Probleme?.Motif + string.Join(" ", s.Probleme?.Messages ?? []));
        return s.Valeur;
    }

    private static Vacance Vacance(CodeInsee commune, Financement financement = Financement.Plus)
    {
        var residence = new Residence(new ResidenceId(Guid.NewGuid()), "Les Pins", "1 rue des Pins", commune, null, Bailleur, 1975);
        var logement = Logement.Creer(new LogementId(Guid.NewGuid()), "8300000001", residence, 3, 65, 2, true, false, false, financement, 420, 90, null);
        var v = Domain.Attributions.Vacance.Declarer(new VacanceId(Guid.NewGuid()), Epci, logement, new SaisieVacance(Jour, 420, 90, null), Seance.AddDays(-20), Agent).Valeur;
        Assert.True(v.Orienter(new ReservataireId(Guid.NewGuid()), true, "Contingent propre", null, null, Seance.AddDays(-19), Agent).EstReussi);
        return v;
    }

    private static List<CandidatPresente> Candidats(int n, bool dalo = false) =>
        [.. Enumerable.Range(1, n).Select(i => new CandidatPresente(new DemandeId(Guid.NewGuid()), $"083{i:D4}", dalo && i == 1, false))];

    private static DossierCaleol Dossier(SeanceCaleol seance, int candidats = 3, CodeInsee? commune = null)
    {
        var d = DossierCaleol.Ouvrir(new DossierCaleolId(Guid.NewGuid()), seance, 1, Vacance(commune ?? Toulon), Candidats(candidats),
            candidats < 3 ? ExceptionTroisCandidats.CandidatsInsuffisants : null, Seance.AddDays(-1), Agent);
        Assert.True(d.EstReussi, d.Probleme?.Motif);
        return d.Valeur;
    }

    private static void Voter(DossierCaleol d, SeanceCaleol s, int candidat, DecisionCaleol decision, params int[] membres)
    {
        foreach (var m in membres) Assert.True(d.Voter(s, m, candidat, decision, Seance).EstReussi);
    }

    [Fact]
    public void La_composition_suit_l_article_L441_2()
    {
        var trop = Enumerable.Range(1, 7).Select(i => new SaisieMembre($"Membre {i}", QualiteMembre.DesigneParBailleur, i == 1, null)).ToList();
        var e = SeanceCaleol.Verifier(new SaisieSeance(Jour, ModaliteSeance.Presentielle, null, trop), Jour);
        Assert.Contains(e["membres"], m => m.Contains("six membres au plus", StringComparison.Ordinal));

        var sansPresident = Membres().Select(m => m with { President = false }).ToList();
        Assert.Contains(SeanceCaleol.Verifier(new SaisieSeance(Jour, ModaliteSeance.Presentielle, null, sansPresident), Jour)["membres"], m => m.Contains("président", StringComparison.Ordinal));

        var prefetPresident = Membres().Select(m => m with { President = m.Qualite == QualiteMembre.Prefet }).ToList();
        Assert.True(SeanceCaleol.Verifier(new SaisieSeance(Jour, ModaliteSeance.Presentielle, null, prefetPresident), Jour).ContainsKey("membres[4].president"));

        var maireSansCommune = Membres().Select(m => m.Qualite == QualiteMembre.Maire ? m with { Commune = null } : m).ToList();
        Assert.True(SeanceCaleol.Verifier(new SaisieSeance(Jour, ModaliteSeance.Presentielle, null, maireSansCommune), Jour).ContainsKey("membres[3].commune"));

        Assert.True(SeanceCaleol.Verifier(new SaisieSeance(Jour, ModaliteSeance.Dematerialisee, null, Membres()), Jour).ContainsKey("clotureVotes"));
        Assert.Empty(SeanceCaleol.Verifier(new SaisieSeance(Jour, ModaliteSeance.Presentielle, null, Membres()), Jour));
    }

    [Fact]
    public void Trois_candidats_ou_une_exception_legale()
    {
        var s = NouvelleSeance();
        Resultat<DossierCaleol> Ouvrir(int n, ExceptionTroisCandidats? e, Financement f = Financement.Plus, bool dalo = false) =>
            DossierCaleol.Ouvrir(new DossierCaleolId(Guid.NewGuid()), s, 1, Vacance(Toulon, f), Candidats(n, dalo), e, Seance, Agent);
        var e1 = Ouvrir(2, null);
        Assert.Contains("exception", e1.Probleme!.Champs.Keys);
        var e2 = Ouvrir(1, ExceptionTroisCandidats.DaloDesignePrefet);
        Assert.Contains("DALO", e2.Probleme!.Messages[0], StringComparison.Ordinal);
        Assert.True(Ouvrir(1, ExceptionTroisCandidats.DaloDesignePrefet, dalo: true).EstReussi);
        Assert.False(Ouvrir(1, ExceptionTroisCandidats.PlaiAdapte).EstReussi);
        Assert.True(Ouvrir(1, ExceptionTroisCandidats.PlaiAdapte, Financement.Plai).EstReussi);
        Assert.False(Ouvrir(3, ExceptionTroisCandidats.CandidatsInsuffisants).EstReussi);
        var d = Ouvrir(3, null);
        Assert.True(d.EstReussi);
        Assert.Null(d.Valeur.Exception);
    }

    [Fact]
    public void Le_dossier_met_la_vacance_en_commission_et_la_decision_la_decide()
    {
        var s = NouvelleSeance();
        var v = Vacance(Toulon);
        var d = DossierCaleol.Ouvrir(new DossierCaleolId(Guid.NewGuid()), s, 1, v, Candidats(3), null, Seance.AddDays(-1), Agent).Valeur;
        Assert.Equal(StatutVacance.EnCommission, v.Statut);
        Assert.False(DossierCaleol.Ouvrir(new DossierCaleolId(Guid.NewGuid()), s, 2, v, Candidats(3), null, Seance, Agent).EstReussi);
        Voter(d, s, 1, DecisionCaleol.Attribution, 1, 2, 3, 4, 5);
        Assert.True(d.Decider(s, 1, DecisionCaleol.Attribution, null, MotivationCaleol.Aucune, null, Seance).EstReussi);
        Voter(d, s, 2, DecisionCaleol.AttributionAvecRang, 1, 2, 3);
        Assert.True(d.Decider(s, 2, DecisionCaleol.AttributionAvecRang, 2, MotivationCaleol.Aucune, null, Seance).EstReussi);
        Assert.False(d.EstDecide);
        Voter(d, s, 3, DecisionCaleol.NonAttribution, 1, 2);
        Assert.True(d.Decider(s, 3, DecisionCaleol.NonAttribution, null, new MotivationCaleol([MotifDecisionCaleol.CandidatMieuxClasse]), null, Seance).EstReussi);
        Assert.True(d.EstDecide);
        Assert.Equal(2, d.Attributions);
        Assert.True(v.NoterDecisionCommission(d.Attributions, Seance, Agent).EstReussi);
        Assert.Equal(StatutVacance.Decidee, v.Statut);
        Assert.Equal("decidee", v.Statut.Code());
    }

    [Fact]
    public void Seuls_les_membres_a_voix_deliberative_votent_et_le_maire_pour_sa_commune()
    {
        var s = NouvelleSeance();
        var d = Dossier(s);
        Assert.Contains("consultative", d.Voter(s, 6, 1, DecisionCaleol.Attribution, Seance).Motif, StringComparison.Ordinal);
        Assert.True(d.Voter(s, 4, 1, DecisionCaleol.Attribution, Seance).EstReussi);
        var ailleurs = Dossier(s, commune: LaSeyne);
        Assert.Contains("autre commune", ailleurs.Voter(s, 4, 1, DecisionCaleol.Attribution, Seance).Motif, StringComparison.Ordinal);
        Assert.False(d.Voter(s, 99, 1, DecisionCaleol.Attribution, Seance).EstReussi);
        Assert.False(d.Voter(s, 1, 1, DecisionCaleol.Attribution, Seance.AddDays(-1)).EstReussi);
    }

    [Fact]
    public void En_cas_de_partage_la_voix_du_maire_est_preponderante()
    {
        var s = NouvelleSeance();
        var d = Dossier(s);
        Voter(d, s, 1, DecisionCaleol.Attribution, 1, 4);
        Voter(d, s, 1, DecisionCaleol.NonAttribution, 2, 3);
        var compte = d.Depouiller(s, 1);
        Assert.Equal(DecisionCaleol.Attribution, compte.Retenue);
        Assert.True(compte.VoixPreponderante);
        // The decision recorded is the one the votes carried.
        Assert.Contains("celle des votes", d.Decider(s, 1, DecisionCaleol.NonAttribution, null, new MotivationCaleol([MotifDecisionCaleol.TauxEffort]), null, Seance).Motif, StringComparison.Ordinal);

        // Without the mayor, a tie stands.
        var sans = NouvelleSeance(maire: false);
        var d2 = Dossier(sans);
        Voter(d2, sans, 1, DecisionCaleol.Attribution, 1);
        Voter(d2, sans, 1, DecisionCaleol.NonAttribution, 2);
        Assert.Null(d2.Depouiller(sans, 1).Retenue);
        Assert.Contains("votez à nouveau", d2.Decider(sans, 1, DecisionCaleol.Attribution, null, MotivationCaleol.Aucune, null, Seance).Motif, StringComparison.Ordinal);
        // A member voting again replaces its vote.
        Voter(d2, sans, 1, DecisionCaleol.Attribution, 2);
        Assert.Equal(DecisionCaleol.Attribution, d2.Depouiller(sans, 1).Retenue);
    }

    [Fact]
    public void Une_seance_dematerialisee_accepte_les_votes_jusqu_a_la_cloture()
    {
        var cloture = HeureFrance.A(Jour.AddDays(2), new TimeOnly(18, 0));
        var s = NouvelleSeance(ModaliteSeance.Dematerialisee, cloture);
        var d = Dossier(s);
        Assert.True(d.Voter(s, 1, 1, DecisionCaleol.Attribution, cloture).EstReussi);
        Assert.Contains("clos", d.Voter(s, 2, 1, DecisionCaleol.Attribution, cloture.AddMinutes(1)).Motif, StringComparison.Ordinal);
        // Before the deadline, the decision waits for every voter; after it, the votes cast decide.
        Assert.Contains("restent ouverts", d.Decider(s, 1, DecisionCaleol.Attribution, null, MotivationCaleol.Aucune, null, cloture.AddHours(-1)).Motif, StringComparison.Ordinal);
        Assert.True(d.Decider(s, 1, DecisionCaleol.Attribution, null, MotivationCaleol.Aucune, null, cloture.AddMinutes(5)).EstReussi);
    }

    [Fact]
    public void Chaque_decision_porte_ses_motifs_obligatoires()
    {
        var s = NouvelleSeance();
        var d = Dossier(s);
        Voter(d, s, 1, DecisionCaleol.NonAttribution, 1, 2, 3);
        var sansMotif = d.Decider(s, 1, DecisionCaleol.NonAttribution, null, MotivationCaleol.Aucune, null, Seance);
        Assert.Contains("L441-2-2", sansMotif.Probleme!.Messages[0], StringComparison.Ordinal);
        Assert.False(d.Decider(s, 1, DecisionCaleol.NonAttribution, null, new MotivationCaleol([MotifDecisionCaleol.SejourIrregulier]), null, Seance).EstReussi);
        var autre = d.Decider(s, 1, DecisionCaleol.NonAttribution, null, new MotivationCaleol([MotifDecisionCaleol.Autre]), null, Seance);
        Assert.True(autre.Probleme!.Champs.ContainsKey("precision"));
        Assert.True(d.Decider(s, 1, DecisionCaleol.NonAttribution, null, new MotivationCaleol([MotifDecisionCaleol.Autre]), "Logement au 4e sans ascenseur", Seance).EstReussi);
        Assert.False(d.Voter(s, 1, 1, DecisionCaleol.Attribution, Seance).EstReussi);

        Voter(d, s, 2, DecisionCaleol.AttributionSousConditionSuspensive, 1, 2, 3);
        Assert.True(d.Decider(s, 2, DecisionCaleol.AttributionSousConditionSuspensive, null, MotivationCaleol.Aucune, null, Seance).Probleme!.Champs.ContainsKey("piece"));
        Assert.False(d.Decider(s, 2, DecisionCaleol.AttributionSousConditionSuspensive, null, new MotivationCaleol([], TypePiece.AvisImposition, Jour), null, Seance).EstReussi);
        Assert.False(d.Decider(s, 2, DecisionCaleol.AttributionSousConditionSuspensive, null, new MotivationCaleol([], TypePiece.Autre, Jour.AddDays(15)), null, Seance).EstReussi);
        Assert.True(d.Decider(s, 2, DecisionCaleol.AttributionSousConditionSuspensive, null, new MotivationCaleol([], TypePiece.AvisImposition, Jour.AddDays(15)), null, Seance).EstReussi);

        // One attribution per dwelling; the others retained are ranked after it.
        Voter(d, s, 3, DecisionCaleol.Attribution, 1, 2, 3);
        Assert.Contains("déjà attribué", d.Decider(s, 3, DecisionCaleol.Attribution, null, MotivationCaleol.Aucune, null, Seance).Motif, StringComparison.Ordinal);
    }

    [Fact]
    public void Les_rangs_sont_distincts()
    {
        var s = NouvelleSeance();
        var d = Dossier(s, 4 - 1);
        foreach (var c in new[] { 1, 2 }) Voter(d, s, c, DecisionCaleol.AttributionAvecRang, 1, 2, 3);
        Assert.True(d.Decider(s, 1, DecisionCaleol.AttributionAvecRang, 1, MotivationCaleol.Aucune, null, Seance).EstReussi);
        Assert.Contains("rang 1", d.Decider(s, 2, DecisionCaleol.AttributionAvecRang, 1, MotivationCaleol.Aucune, null, Seance).Motif, StringComparison.Ordinal);
        Assert.True(d.Decider(s, 2, DecisionCaleol.AttributionAvecRang, 2, MotivationCaleol.Aucune, null, Seance).EstReussi);
        Assert.True(d.Decider(s, 3, DecisionCaleol.AttributionAvecRang, null, MotivationCaleol.Aucune, null, Seance).Probleme is not null);
    }

    [Fact]
    public void La_decision_et_ses_motifs_vont_dans_la_chronologie_de_la_demande()
    {
        var demande = Demandes.Fabrique.NouvelleDemande(Jour.AddMonths(-2));
        var logement = new LogementId(Guid.NewGuid());
        Assert.False(demande.NoterDecisionCaleol(logement, DecisionCaleol.NonAttribution, null, Seance, Agent).EstReussi);
        Assert.True(demande.NoterDecisionCaleol(logement, DecisionCaleol.NonAttribution, null, Seance, Agent,
            new MotivationCaleol([MotifDecisionCaleol.TauxEffort, MotifDecisionCaleol.InadapteComposition])).EstReussi);
        var e = demande.Evenements[^1];
        Assert.Equal(DecisionCaleol.NonAttribution, e.DecisionCaleol);
        Assert.Contains("taux d'effort", e.Resume, StringComparison.Ordinal);
        Assert.True(demande.NoterDecisionCaleol(logement, DecisionCaleol.AttributionAvecRang, 2, Seance, Agent).EstReussi);
        Assert.Equal((DecisionCaleol.AttributionAvecRang, 2), (demande.Evenements[^1].DecisionCaleol!.Value, demande.Evenements[^1].RangCaleol!.Value));
        Assert.True(demande.NoterDecisionCaleol(logement, DecisionCaleol.Irrecevabilite, null, Seance, Agent, new MotivationCaleol([MotifDecisionCaleol.RessourcesAuDessusPlafonds])).EstReussi);
        Assert.Equal(Jour, demande.IrrecevabiliteLe);
    }
}
