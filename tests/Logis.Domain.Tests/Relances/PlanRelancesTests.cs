using Logis.Domain.Demandes;
using Logis.Domain.Relances;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Relances;

/// <summary>The daily run's decisions on one demand, day by day (R441-2-7, R441-2-8), and the messages it writes.</summary>
public class PlanRelancesTests
{
    private static readonly ParametresRelances Defaut = ParametresRelances.ParDefaut;
    private static readonly Expediteur Tpm = new("Métropole Toulon Provence Méditerranée");

    [Fact]
    public void Le_rappel_est_du_un_mois_avant_la_fin_de_validite_puis_la_radiation_au_lendemain()
    {
        var d = NouvelleDemande(J(2025, 3, 15)); // valid until 14/03/2026
        Assert.Null(PlanRelances.Decider(d, J(2026, 2, 13), Defaut));
        Assert.Equal(TypeRelance.RappelRenouvellement, PlanRelances.Decider(d, J(2026, 2, 14), Defaut));
        Assert.True(PlanRelances.Appliquer(d, TypeRelance.RappelRenouvellement, Le(J(2026, 2, 14)), AgentHabilite).EstReussi);
        Assert.Null(PlanRelances.Decider(d, J(2026, 2, 14), Defaut));
        Assert.Null(PlanRelances.Decider(d, J(2026, 3, 14), Defaut));
        Assert.Equal(TypeRelance.RadiationNonRenouvellement, PlanRelances.Decider(d, J(2026, 3, 15), Defaut));
        Assert.True(PlanRelances.Appliquer(d, TypeRelance.RadiationNonRenouvellement, Le(J(2026, 3, 15)), AgentHabilite).EstReussi);
        Assert.Equal(MotifRadiation.NonRenouvellement, d.MotifRadiation);
        Assert.Null(PlanRelances.Decider(d, J(2026, 4, 1), Defaut));
    }

    [Fact]
    public void Une_demande_expiree_sans_rappel_n_est_pas_radiee_automatiquement_sauf_reglage_contraire()
    {
        var d = NouvelleDemande(J(2025, 3, 15));
        Assert.Equal(TypeRelance.ExpireeSansRappel, PlanRelances.Decider(d, J(2026, 3, 20), Defaut));
        Assert.False(PlanRelances.Appliquer(d, TypeRelance.ExpireeSansRappel, Le(J(2026, 3, 20)), AgentHabilite).EstReussi);
        Assert.Equal(StatutDemande.Active, d.Statut);
        Assert.Equal(TypeRelance.RadiationNonRenouvellement, PlanRelances.Decider(d, J(2026, 3, 20), new ParametresRelances(ExigerRappelAvantRadiation: false)));
    }

    [Fact]
    public void Une_demande_renouvelee_n_a_plus_rien_a_faire_avant_sa_nouvelle_echeance()
    {
        var d = NouvelleDemande(J(2025, 3, 15));
        Assert.True(d.Renouveler(Le(J(2026, 2, 1)), Agent, TroisMois).EstReussi); // valid until 31/01/2027
        foreach (var jour in new[] { J(2026, 2, 14), J(2026, 3, 15), J(2026, 12, 30) }) Assert.Null(PlanRelances.Decider(d, jour, Defaut));
        Assert.Equal(TypeRelance.RappelRenouvellement, PlanRelances.Decider(d, J(2026, 12, 31), Defaut));
    }

    [Fact]
    public void L_irrecevabilite_donne_un_avertissement_puis_la_radiation_un_mois_apres()
    {
        var d = NouvelleDemande(J(2025, 9, 1));
        Assert.True(d.NoterDecisionCaleol(Logement, DecisionCaleol.Irrecevabilite, null, Le(J(2025, 11, 3)), Agent).EstReussi);
        Assert.Equal(TypeRelance.AvertissementIrrecevabilite, PlanRelances.Decider(d, J(2025, 11, 4), Defaut));
        Assert.Null(PlanRelances.Decider(d, J(2025, 11, 4), new ParametresRelances(AvertirApresIrrecevabilite: false)));
        Assert.True(PlanRelances.Appliquer(d, TypeRelance.AvertissementIrrecevabilite, Le(J(2025, 11, 4)), AgentHabilite).EstReussi);
        Assert.Null(PlanRelances.Decider(d, J(2025, 12, 3), Defaut));
        Assert.Equal(TypeRelance.RadiationIrrecevabilite, PlanRelances.Decider(d, J(2025, 12, 4), Defaut));
    }

    [Fact]
    public void Rien_pour_une_demande_attribuee()
    {
        var d = NouvelleDemande(J(2025, 3, 15));
        Assert.True(d.ConstaterBailSigne(Logement, Le(J(2026, 1, 10)), Agent).EstReussi);
        Assert.Null(PlanRelances.Decider(d, J(2026, 2, 14), Defaut));
        Assert.Null(PlanRelances.Decider(d, J(2026, 3, 15), Defaut));
    }

    [Fact]
    public void Les_canaux_suivent_les_coordonnees()
    {
        var adresse = new AdressePostale("12 rue Picot", null, "83000", "Toulon");
        var accepte = new Coordonnees(adresse, "06 39 98 12 34", "lea@example.org", true);
        var refuse = new Coordonnees(adresse, "04 94 00 00 00", "lea@example.org", false);
        Assert.Equal([CanalMessage.Courriel, CanalMessage.Sms], ModelesMessages.Canaux(TypeRelance.RappelRenouvellement, accepte));
        Assert.Equal([CanalMessage.CourrierPostal], ModelesMessages.Canaux(TypeRelance.RappelRenouvellement, refuse));
        Assert.Equal([CanalMessage.CourrierPostal, CanalMessage.Courriel], ModelesMessages.Canaux(TypeRelance.AvertissementIrrecevabilite, accepte));
        Assert.Equal([CanalMessage.Courriel], ModelesMessages.Canaux(TypeRelance.RadiationNonRenouvellement, accepte));
        Assert.Empty(ModelesMessages.Canaux(TypeRelance.ExpireeSansRappel, accepte));
        Assert.True(ModelesMessages.EstMobile("+33 7 12 34 56 78"));
    }

    [Fact]
    public void Le_rappel_porte_le_numero_et_la_date_jamais_le_nir()
    {
        var nir = NirDe("1850578006084");
        var d = NouvelleDemande(J(2025, 3, 15), Contenu([Personne("Martin", "Léa", J(1990, 4, 12), nir: nir)]));
        var courrier = ModelesMessages.Rediger(TypeRelance.RappelRenouvellement, CanalMessage.CourrierPostal, d, J(2026, 2, 14), Tpm);
        Assert.Contains(d.Numero.Valeur, courrier.Sujet, StringComparison.Ordinal);
        Assert.Contains("14 mars 2026", courrier.Corps, StringComparison.Ordinal);
        Assert.Contains("15 mars 2026", courrier.Corps, StringComparison.Ordinal); // radiation possible from
        Assert.Contains("12 rue Picot", courrier.Corps, StringComparison.Ordinal);
        Assert.Contains("Bonjour Léa Martin", courrier.Corps, StringComparison.Ordinal);
        var sms = ModelesMessages.Rediger(TypeRelance.RappelRenouvellement, CanalMessage.Sms, d, J(2026, 2, 14), Tpm);
        foreach (var texte in new[] { courrier.Sujet, courrier.Corps, sms.Corps })
        {
            Assert.DoesNotContain(nir.ValeurComplete, texte, StringComparison.Ordinal);
            Assert.DoesNotContain(nir.ValeurComplete[..13], texte, StringComparison.Ordinal);
            Assert.DoesNotContain("{", texte, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Un_champ_inconnu_dans_un_modele_est_une_erreur()
    {
        Assert.Throws<FormatException>(() => ModelesMessages.Remplir("NIR : {nir}", new Dictionary<string, string> { ["numero"] = "1" }));
        Assert.Equal("n° 1", ModelesMessages.Remplir("n° {numero}", new Dictionary<string, string> { ["numero"] = "1" }));
    }
}
