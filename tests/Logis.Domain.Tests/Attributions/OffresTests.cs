using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Attributions;

/// <summary>
/// The response period of an offer (R441-10: at least ten days, to the next working day), the order of offers after the CALEOL (the next
/// ranked candidate once the better placed refused) and the states of an offer.
/// </summary>
public class OffresTests
{
    private static readonly DateTimeOffset Le1erDecembre = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));

    private static Vacance Vacance()
    {
        var residence = new Residence(new ResidenceId(Guid.NewGuid()), "Les Pins", "1 rue des Pins", CodeInsee.Create("83137"), null,
            new BailleurId(Guid.NewGuid()), 1975);
        var logement = Logis.Domain.Patrimoine.Logement.Creer(new LogementId(Guid.NewGuid()), "8300000001", residence, 3, 65, 2, true, false, false, Financement.Plus, 420, 90, null);
        var v = Logis.Domain.Attributions.Vacance.Declarer(new VacanceId(Guid.NewGuid()), Siren.Create("248300543"), logement,
            new SaisieVacance(new DateOnly(2026, 12, 20), 420, 90, null), Le1erDecembre, Agent).Valeur;
        return v;
    }

    private static DecisionCandidat C(string numero, DecisionCaleol decision, int? rang, bool active = true, bool piece = false) =>
        new(new DemandeId(Guid.NewGuid()), numero, decision, rang, active, piece);

    private static Offre OffreA(Vacance v, DecisionCandidat c) =>
        Offre.Faire(new OffreId(Guid.NewGuid()), v, c.Demande, c.Numero, c, true, new DateOnly(2026, 12, 11), Le1erDecembre, Agent).Valeur;

    [Theory]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2025, 4, 20)]
    public void Paques_est_calcule(int annee, int mois, int jour) => Assert.Equal(new DateOnly(annee, mois, jour), JoursFeries.Paques(annee));

    [Theory]
    [InlineData("2026-12-04", "2026-12-14")] // Friday + 10 days: Monday
    [InlineData("2026-12-02", "2026-12-14")] // ends on Saturday 12th: to Monday 14th
    [InlineData("2026-12-15", "2026-12-28")] // ends on Christmas (Friday): to Monday 28th
    [InlineData("2026-05-04", "2026-05-15")] // ends on Ascension Day 2026 (Thursday 14 May): to Friday 15th
    public void Le_delai_de_reponse_court_au_moins_dix_jours_jusqu_au_jour_ouvrable(string offre, string attendu)
    {
        var echeance = DelaiReponseOffre.EcheanceMinimale(DateOnly.Parse(offre, System.Globalization.CultureInfo.InvariantCulture));
        var a = DateOnly.Parse(attendu, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(a, echeance);
        Assert.True(echeance.DayNumber - DateOnly.Parse(offre, System.Globalization.CultureInfo.InvariantCulture).DayNumber >= 10);
        Assert.True(JoursFeries.EstOuvrable(echeance));
    }

    [Fact]
    public void Le_delai_par_defaut_ne_descend_pas_sous_le_minimum_legal()
    {
        Assert.False(DelaiReponseOffre.Creer(9).EstReussi);
        Assert.Contains("R441-10", DelaiReponseOffre.Creer(9).Motif!, StringComparison.Ordinal);
        Assert.Equal(15, DelaiReponseOffre.Creer(15).Valeur.DelaiJours);
    }

    [Fact]
    public void La_decision_de_la_chronologie_se_relit_avec_son_rang()
    {
        var d = NouvelleDemande(new DateOnly(2025, 1, 10));
        foreach (var decision in Enum.GetValues<DecisionCaleol>())
        {
            int? rang = decision == DecisionCaleol.AttributionAvecRang ? 3 : null;
            var motivation = decision switch
            {
                DecisionCaleol.NonAttribution => new MotivationCaleol([MotifDecisionCaleol.TauxEffort]),
                DecisionCaleol.Irrecevabilite => new MotivationCaleol([MotifDecisionCaleol.SejourIrregulier]),
                DecisionCaleol.AttributionSousConditionSuspensive => new MotivationCaleol([], TypePiece.AvisImposition, new DateOnly(2025, 3, 1)),
                _ => MotivationCaleol.Aucune,
            };
            Assert.True(d.NoterDecisionCaleol(Demandes.Fabrique.Logement, decision, rang, Le(new DateOnly(2025, 2, 1)), Agent, motivation).EstReussi);
            Assert.Equal((decision, rang), OrdreOffres.Lire(d.Evenements[^1]));
        }
        Assert.Null(OrdreOffres.Lire(d.Evenements[0]));
        var candidat = OrdreOffres.Candidat(d, Demandes.Fabrique.Logement, Le(new DateOnly(2025, 1, 31)));
        Assert.Equal(DecisionCaleol.Irrecevabilite, candidat!.Decision);
        Assert.Null(OrdreOffres.Candidat(d, Demandes.Fabrique.Logement, Le(new DateOnly(2025, 2, 2))));
    }

    [Fact]
    public void Le_candidat_suivant_attend_le_refus_des_mieux_places()
    {
        var v = Vacance();
        var un = C("A", DecisionCaleol.AttributionAvecRang, 1);
        var deux = C("B", DecisionCaleol.AttributionAvecRang, 2);
        var trois = C("C", DecisionCaleol.AttributionAvecRang, 3);
        var non = C("D", DecisionCaleol.NonAttribution, null);
        // Input order does not matter; the non-attribution is no candidate.
        var places = OrdreOffres.Ordonner([trois, non, deux, un], []);
        Assert.Equal(["A", "B", "C"], places.Select(p => p.Candidat.Numero).ToArray());
        Assert.Equal("A", OrdreOffres.Suivant(places)!.Candidat.Numero);
        Assert.False(places[1].PeutRecevoirOffre);

        // The first has a pending offer: nobody else; refused: the second; the second left the file: the third.
        var o1 = OffreA(v, un);
        Assert.Null(OrdreOffres.Suivant(OrdreOffres.Ordonner([un, deux, trois], [o1])));
        Assert.True(o1.Refuser(MotifRefus.Localisation, Le1erDecembre.AddDays(1)).EstReussi);
        Assert.Equal("B", OrdreOffres.Suivant(OrdreOffres.Ordonner([un, deux, trois], [o1]))!.Candidat.Numero);
        Assert.Equal("C", OrdreOffres.Suivant(OrdreOffres.Ordonner([un, deux with { Active = false }, trois], [o1]))!.Candidat.Numero);
    }

    [Fact]
    public void Une_condition_suspensive_attend_la_piece()
    {
        var sous = C("A", DecisionCaleol.AttributionSousConditionSuspensive, null);
        var place = Assert.Single(OrdreOffres.Ordonner([sous], []));
        Assert.False(place.PeutRecevoirOffre);
        Assert.Contains("condition suspensive", place.Explication, StringComparison.Ordinal);
        Assert.True(OrdreOffres.Ordonner([sous with { PieceRecueDepuis = true }], [])[0].PeutRecevoirOffre);
    }

    [Fact]
    public void Une_offre_repond_dans_le_delai_puis_vaut_refus_sans_reponse()
    {
        var v = Vacance();
        var c = C("A", DecisionCaleol.Attribution, null);
        var trop = Offre.Faire(new OffreId(Guid.NewGuid()), v, c.Demande, "A", c, true, new DateOnly(2026, 12, 10), Le1erDecembre, Agent);
        Assert.Equal(NatureEchec.Invalide, trop.Probleme!.Nature);
        Assert.True(trop.Probleme.Champs.ContainsKey("echeance"));

        var o = OffreA(v, c);
        Assert.False(o.Refuser(MotifRefus.AbsenceDeReponse, Le1erDecembre).EstReussi);
        Assert.False(o.ConstaterSansReponse(HeureFrance.A(new DateOnly(2026, 12, 11), new TimeOnly(23, 0))).EstReussi);
        Assert.False(o.Accepter(HeureFrance.A(new DateOnly(2026, 12, 12), new TimeOnly(9, 0))).EstReussi);
        Assert.True(o.ConstaterSansReponse(HeureFrance.A(new DateOnly(2026, 12, 12), new TimeOnly(9, 0))).EstReussi);
        Assert.Equal(StatutOffre.SansReponse, o.Statut);
        Assert.Equal(MotifRefus.AbsenceDeReponse, o.MotifRefus);
        Assert.True(o.VautRefus);
        Assert.False(o.NoterBail().EstReussi);
    }

    [Fact]
    public void La_vacance_passe_de_l_offre_au_bail_et_refuse_deux_offres()
    {
        var v = Vacance();
        Assert.False(v.PeutEtreOfferte); // declared, not oriented
        Assert.True(v.Orienter(new ReservataireId(Guid.NewGuid()), true, "Contingent propre", null, null, Le1erDecembre, Agent).EstReussi);
        Assert.True(v.MettreEnCommission(new DateOnly(2026, 12, 1), 3, Le1erDecembre, Agent).EstReussi);
        Assert.Contains("commission d'attribution", v.NoterOffre("A", new DateOnly(2026, 12, 11), Le1erDecembre, Agent).Motif!, StringComparison.Ordinal);
        Assert.True(v.NoterDecisionCommission(2, Le1erDecembre, Agent).EstReussi);
        Assert.True(v.PeutEtreOfferte);
        Assert.True(v.NoterOffre("A", new DateOnly(2026, 12, 11), Le1erDecembre, Agent).EstReussi);
        Assert.False(v.NoterOffre("B", new DateOnly(2026, 12, 11), Le1erDecembre, Agent).EstReussi);
        Assert.False(v.Attribuer("A", new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 3), Le1erDecembre, Agent).EstReussi);
        Assert.True(v.NoterReponseOffre("A", true, "offre acceptée", Le1erDecembre, Agent).EstReussi);
        Assert.True(v.Attribuer("A", new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 3), Le1erDecembre, Agent).EstReussi);
        Assert.Equal(StatutVacance.Attribuee, v.Statut);
        Assert.False(v.Attribuer("A", new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 3), Le1erDecembre, Agent).EstReussi);
        Assert.False(v.EstOuverte);
    }
}
