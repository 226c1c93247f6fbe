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
    public void L_avis_part_un_mois_et_sept_jours_avant_la_fin_de_validite_puis_la_radiation_au_lendemain_de_l_echeance()
    {
        var d = NouvelleDemande(J(2025, 3, 15)); // valid until 14/03/2026; last legal day of the notice 14/02/2026, sent 7 days before
        Assert.Null(PlanRelances.Decider(d, J(2026, 2, 6), Defaut));
        Assert.Equal(TypeRelance.RappelRenouvellement, PlanRelances.Decider(d, J(2026, 2, 7), Defaut));
        Assert.True(PlanRelances.Appliquer(d, TypeRelance.RappelRenouvellement, Le(J(2026, 2, 7)), AgentHabilite, Defaut).EstReussi);
        Assert.Equal(J(2026, 3, 14), d.EcheanceRenouvellement);
        Assert.Null(PlanRelances.Decider(d, J(2026, 2, 7), Defaut));
        Assert.Null(PlanRelances.Decider(d, J(2026, 3, 14), Defaut));
        Assert.Equal(TypeRelance.RadiationNonRenouvellement, PlanRelances.Decider(d, J(2026, 3, 15), Defaut));
        Assert.True(PlanRelances.Appliquer(d, TypeRelance.RadiationNonRenouvellement, Le(J(2026, 3, 15)), AgentHabilite, Defaut).EstReussi);
        Assert.Equal(MotifRadiation.NonRenouvellement, d.MotifRadiation);
        Assert.Null(PlanRelances.Decider(d, J(2026, 4, 1), Defaut));
    }

    [Fact]
    public void Une_demande_expiree_sans_avis_recoit_un_avis_tardif_et_n_est_radiee_qu_un_mois_apres()
    {
        var d = NouvelleDemande(J(2023, 3, 15)); // expired on 14/03/2024, never notified
        Assert.Equal(TypeRelance.RappelRenouvellement, PlanRelances.Decider(d, J(2026, 3, 20), Defaut));
        Assert.True(PlanRelances.Appliquer(d, TypeRelance.RappelRenouvellement, Le(J(2026, 3, 20)), AgentHabilite, Defaut).EstReussi);
        Assert.Equal(J(2026, 4, 20), d.EcheanceRenouvellement);
        Assert.Equal(TypeRelance.AExaminer, PlanRelances.Decider(d, J(2026, 4, 20), Defaut));
        Assert.Equal([MotifExamen.ExpireeNonRadiable], ExamenDemandes.Motifs(d, J(2026, 4, 20), Delais));
        Assert.Equal(TypeRelance.RadiationNonRenouvellement, PlanRelances.Decider(d, J(2026, 4, 21), Defaut));
    }

    [Fact]
    public void Un_avis_revenu_non_distribue_laisse_la_demande_a_un_agent()
    {
        var d = NouvelleDemande(J(2025, 3, 15));
        Assert.True(PlanRelances.Appliquer(d, TypeRelance.RappelRenouvellement, Le(J(2026, 2, 7)), AgentHabilite, Defaut).EstReussi);
        Assert.True(d.NoterAvisNonDistribue(AvisDemande.Renouvellement, J(2026, 2, 16), Le(J(2026, 2, 17)), Agent).EstReussi);
        Assert.Equal(TypeRelance.AExaminer, PlanRelances.Decider(d, J(2026, 3, 20), Defaut));
        Assert.Equal([MotifExamen.AvisRenouvellementNonDistribue], ExamenDemandes.Motifs(d, J(2026, 3, 20), Delais));
        Assert.Equal(StatutDemande.Active, d.Statut);
    }

    [Fact]
    public void Une_demande_renouvelee_n_a_plus_rien_a_faire_avant_sa_nouvelle_echeance()
    {
        var d = NouvelleDemande(J(2025, 3, 15));
        Assert.True(d.Renouveler(Le(J(2026, 2, 1)), Agent, TroisMois).EstReussi); // valid until 31/01/2027
        foreach (var jour in new[] { J(2026, 2, 14), J(2026, 3, 15), J(2026, 12, 23) }) Assert.Null(PlanRelances.Decider(d, jour, Defaut));
        Assert.Equal(TypeRelance.RappelRenouvellement, PlanRelances.Decider(d, J(2026, 12, 24), Defaut));
    }

    [Fact]
    public void L_irrecevabilite_donne_un_avertissement_puis_la_radiation_un_mois_apres()
    {
        var d = NouvelleDemande(J(2025, 9, 1));
        Assert.True(d.NoterDecisionCaleol(Logement, DecisionCaleol.Irrecevabilite, null, Le(J(2025, 11, 3)), Agent, new MotivationCaleol([MotifDecisionCaleol.RessourcesAuDessusPlafonds])).EstReussi);
        Assert.Equal(TypeRelance.AvertissementIrrecevabilite, PlanRelances.Decider(d, J(2025, 11, 4), Defaut));
        Assert.Null(PlanRelances.Decider(d, J(2025, 11, 4), new ParametresRelances(Delais, AvertirApresIrrecevabilite: false)));
        Assert.True(PlanRelances.Appliquer(d, TypeRelance.AvertissementIrrecevabilite, Le(J(2025, 11, 4)), AgentHabilite, Defaut).EstReussi);
        Assert.Equal(MoyenAvertissement.LettreRecommandeeAvecAccuseReception, Assert.Single(d.Avertissements).Moyen);
        // No delivery recorded: nothing but, after three weeks, the list of demands to examine.
        Assert.Null(PlanRelances.Decider(d, J(2025, 11, 25), Defaut));
        Assert.Equal(TypeRelance.AExaminer, PlanRelances.Decider(d, J(2025, 11, 26), Defaut));
        Assert.True(d.NoterRemiseAvertissement(MotifRadiation.Irrecevabilite, J(2025, 11, 7), "AR 1A 000 111 2223 4", Delais, Le(J(2025, 11, 26)), Agent).EstReussi);
        Assert.Null(PlanRelances.Decider(d, J(2025, 12, 6), Defaut));
        Assert.Equal(TypeRelance.RadiationIrrecevabilite, PlanRelances.Decider(d, J(2025, 12, 7), Defaut));
    }

    [Fact]
    public void Rien_pour_une_demande_attribuee()
    {
        var d = NouvelleDemande(J(2025, 3, 15));
        Assert.True(d.ConstaterBailSigne(Logement, Le(J(2026, 1, 10)), Agent).EstReussi);
        Assert.Null(PlanRelances.Decider(d, J(2026, 2, 14), Defaut));
        Assert.Null(PlanRelances.Decider(d, J(2026, 3, 15), Defaut));
    }

    [Theory]
    // R441-2-7: 1° never online → post, plus e-mail when an address was given; 2° online → e-mail; 3° online and asked for post → both.
    [InlineData(CanalDepot.Guichet, false, null, "CourrierPostal")]
    [InlineData(CanalDepot.Guichet, false, "lea@example.org", "CourrierPostal,Courriel")]
    [InlineData(CanalDepot.Partenaire, true, "lea@example.org", "CourrierPostal,Courriel")]
    [InlineData(CanalDepot.EnLigne, false, "lea@example.org", "Courriel")]
    [InlineData(CanalDepot.EnLigne, true, "lea@example.org", "Courriel,CourrierPostal")]
    [InlineData(CanalDepot.EnLigne, false, null, "CourrierPostal")]
    public void Le_canal_de_l_avis_de_renouvellement_suit_l_article_R441_2_7(CanalDepot depot, bool postalDemande, string? courriel, string attendu)
    {
        var adresse = new AdressePostale("12 rue Picot", null, "83000", "Toulon");
        var contenu = Contenu(contact: new Coordonnees(adresse, "04 94 00 00 00", courriel, courriel is not null));
        var d = Demande.Enregistrer(new DemandeId(Guid.NewGuid()), Numero(), contenu, depot, J(2025, 3, 15), Le(J(2025, 3, 15)), Agent).Valeur;
        if (postalDemande) Assert.True(d.NoterPreferenceAvis(true, Le(J(2025, 4, 1)), Agent).EstReussi);

        Assert.Equal(attendu, string.Join(",", ModelesMessages.Canaux(TypeRelance.RappelRenouvellement, d)));
        Assert.True(d.NoterRappelEnvoye(Le(J(2026, 2, 7)), AgentHabilite, Delais, CanauxAvis.Renouvellement(d)).EstReussi);
        Assert.Contains(CanauxAvis.Libelle(CanauxAvis.Renouvellement(d)), d.Evenements[^1].Resume, StringComparison.Ordinal);
    }

    [Fact]
    public void Un_renouvellement_en_ligne_ouvre_le_canal_electronique_et_le_sms_s_ajoute_vers_un_mobile()
    {
        var adresse = new AdressePostale("12 rue Picot", null, "83000", "Toulon");
        var d = NouvelleDemande(J(2025, 3, 15), Contenu(contact: new Coordonnees(adresse, "06 39 98 12 34", "lea@example.org", true)));
        Assert.Equal([CanalMessage.CourrierPostal, CanalMessage.Courriel, CanalMessage.Sms], ModelesMessages.Canaux(TypeRelance.RappelRenouvellement, d));
        Assert.True(d.Renouveler(Le(J(2026, 2, 1)), Agent, TroisMois, CanalDepot.EnLigne).EstReussi);
        Assert.True(d.ServiceEnLigneUtilise);
        Assert.Equal([CanalMessage.Courriel, CanalMessage.Sms], ModelesMessages.Canaux(TypeRelance.RappelRenouvellement, d));
        Assert.Equal([CanalMessage.Courriel], ModelesMessages.Canaux(TypeRelance.RadiationNonRenouvellement, d));
        Assert.Equal([CanalMessage.CourrierPostal, CanalMessage.Courriel], ModelesMessages.Canaux(TypeRelance.AvertissementIrrecevabilite, d));
        Assert.Empty(ModelesMessages.Canaux(TypeRelance.AExaminer, d));
        Assert.True(ModelesMessages.EstMobile("+33 7 12 34 56 78"));
    }

    [Fact]
    public void Le_rappel_porte_le_numero_et_la_date_jamais_le_nir()
    {
        var nir = NirDe("1850578006084");
        var d = NouvelleDemande(J(2025, 3, 15), Contenu([Personne("Martin", "Léa", J(1990, 4, 12), nir: nir)]));
        Assert.True(d.NoterRappelEnvoye(Le(J(2026, 2, 14)), AgentHabilite, Delais, Postal).EstReussi);
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
