using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>Every act on an active and on a radiated demand: the transitions table of the lifecycle.</summary>
public class CycleDeVieTests
{
    // Deposited 15/01/2025: valid until 14/01/2026, reminder from 14/12/2025, renewal window (3 months) from 14/10/2025.
    private static readonly DateOnly Depot = J(2025, 1, 15);
    private static readonly DateTimeOffset Quand = Le(J(2025, 12, 20));

    private static readonly Dictionary<string, Func<Demande, Resultat>> Actes = new()
    {
        ["mettre à jour"] = d => d.MettreAJour(Contenu(), Quand, Agent),
        ["renouveler"] = d => d.Renouveler(Quand, Agent, TroisMois),
        ["noter le rappel"] = d => d.NoterRappelEnvoye(Quand, Agent, Delais, Postal),
        ["avertir sans réponse (c)"] = d => d.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Quand, Agent),
        ["avertir irrecevabilité (d) sans décision"] = d => d.Avertir(MotifRadiation.Irrecevabilite, Lrar, Quand, Agent),
        ["avertir renonciation (b)"] = d => d.Avertir(MotifRadiation.Renonciation, Lrar, Quand, Agent),
        ["radier a sans bail"] = d => d.Radier(MotifRadiation.AttributionBailSigne, Quand, Agent),
        ["radier b"] = d => d.Radier(MotifRadiation.Renonciation, Quand, Agent),
        ["radier c sans avertissement"] = d => d.Radier(MotifRadiation.AbsenceDeReponse, Quand, Agent),
        ["radier d sans avertissement"] = d => d.Radier(MotifRadiation.Irrecevabilite, Quand, Agent),
        ["radier e avant expiration"] = d => d.Radier(MotifRadiation.NonRenouvellement, Quand, Agent),
        ["radier f hors fusion"] = d => d.Radier(MotifRadiation.Fusion, Quand, Agent),
        ["déclarer une situation prioritaire"] = d => d.DeclarerSituationPrioritaire(CriterePrioritaire.DepourvuDeLogement, null, Quand, Agent),
        ["valider une situation non déclarée"] = d => d.ValiderSituationPrioritaire(CriterePrioritaire.DepourvuDeLogement, Piece, null, Quand, AgentHabilite),
        ["noter une pièce"] = d => d.NoterPieceRecue(TypePiece.AvisImposition, Quand, Agent),
        ["noter une proposition"] = d => d.NoterProposition(Logement, Quand, Agent),
        ["noter une décision CALEOL"] = d => d.NoterDecisionCaleol(Logement, DecisionCaleol.Attribution, null, Quand, Agent),
        ["noter une décision CALEOL avec un rang mal placé"] = d => d.NoterDecisionCaleol(Logement, DecisionCaleol.Attribution, 2, Quand, Agent),
        ["noter une offre"] = d => d.NoterOffre(Logement, J(2026, 1, 5), adaptee: true, Quand, Agent),
        ["noter une offre sans délai de réponse"] = d => d.NoterOffre(Logement, J(2025, 12, 20), adaptee: true, Quand, Agent),
        ["noter un refus"] = d => d.NoterRefus(Logement, MotifRefus.Localisation, Quand, Agent),
        ["constater le bail signé"] = d => d.ConstaterBailSigne(Logement, Quand, Agent),
        ["fusionner (conservée)"] = d => Demande.Fusionner(d, NouvelleDemande(J(2025, 6, 1), sequence: 9), Quand, Agent),
        ["fusionner (absorbée)"] = d => Demande.Fusionner(NouvelleDemande(J(2025, 6, 1), sequence: 9), d, Quand, Agent),
    };

    public static TheoryData<string, bool> Table => new()
    {
        { "mettre à jour", true },
        { "renouveler", true },
        { "noter le rappel", true },
        { "avertir sans réponse (c)", true },
        { "avertir irrecevabilité (d) sans décision", false },
        { "avertir renonciation (b)", false },
        { "radier a sans bail", false },
        { "radier b", true },
        { "radier c sans avertissement", false },
        { "radier d sans avertissement", false },
        { "radier e avant expiration", false },
        { "radier f hors fusion", false },
        { "déclarer une situation prioritaire", true },
        { "valider une situation non déclarée", false },
        { "noter une pièce", true },
        { "noter une proposition", true },
        { "noter une décision CALEOL", true },
        { "noter une décision CALEOL avec un rang mal placé", false },
        { "noter une offre", true },
        { "noter une offre sans délai de réponse", false },
        { "noter un refus", true },
        { "constater le bail signé", true },
        { "fusionner (conservée)", true },
        { "fusionner (absorbée)", true },
    };

    public static TheoryData<string> TousLesActes => [.. Actes.Keys];

    [Theory]
    [MemberData(nameof(Table))]
    public void Sur_une_demande_active(string acte, bool permis)
    {
        var demande = NouvelleDemande(Depot);
        var evenements = demande.Evenements.Count;

        var resultat = Actes[acte](demande);

        Assert.Equal(permis, resultat.EstReussi);
        if (permis)
        {
            Assert.Null(resultat.Motif);
            Assert.True(demande.Evenements.Count > evenements);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(resultat.Motif));
            Assert.Equal(evenements, demande.Evenements.Count);
            Assert.Equal(StatutDemande.Active, demande.Statut);
        }
    }

    [Theory]
    [MemberData(nameof(TousLesActes))]
    public void Sur_une_demande_radiee_tout_acte_echoue_de_la_meme_facon(string acte)
    {
        var demande = NouvelleDemande(Depot);
        Assert.True(demande.Radier(MotifRadiation.Renonciation, Le(J(2025, 12, 1)), Agent).EstReussi);
        var evenements = demande.Evenements.Count;

        var resultat = Actes[acte](demande);

        Assert.False(resultat.EstReussi);
        Assert.StartsWith($"La demande {demande.Numero} est radiée depuis le 01/12/2025 (renonciation écrite du demandeur)", resultat.Motif, StringComparison.Ordinal);
        Assert.Equal(evenements, demande.Evenements.Count);
    }

    [Fact]
    public void Le_registre_s_ouvre_par_l_enregistrement_avec_le_numero()
    {
        var demande = NouvelleDemande(Depot);

        Assert.Equal(StatutDemande.Active, demande.Statut);
        Assert.Equal(Depot, demande.DateDepot);
        Assert.Null(demande.DateDernierRenouvellement);
        Assert.Equal(J(2026, 1, 14), demande.DateFinValidite);
        var evenement = Assert.Single(demande.Evenements);
        Assert.Equal(TypeEvenementDemande.Enregistrement, evenement.Type);
        Assert.Equal($"Demande enregistrée sous le numéro {demande.Numero}, déposée au guichet le 15/01/2025", evenement.Resume);
        Assert.Equal(Agent.Id, evenement.AuteurId);
        Assert.Equal("Guichet de Toulon", evenement.Organisation);
    }

    [Fact]
    public void Une_date_de_depot_future_ou_une_naissance_posterieure_est_refusee()
    {
        var id = new DemandeId(Guid.NewGuid());
        var futur = Demande.Enregistrer(id, Numero(), Contenu(), CanalDepot.EnLigne, J(2025, 2, 1), Le(J(2025, 1, 31)), Agent);
        var bebe = Contenu([Personne("Martin", "Léa", J(1990, 1, 1)), Personne("Martin", "Noé", J(2025, 3, 1), Menages.LienPersonne.Enfant)]);
        var naissance = Demande.Enregistrer(id, Numero(), bebe, CanalDepot.EnLigne, J(2025, 2, 1), Le(J(2025, 2, 1)), Agent);

        Assert.Equal("La date de dépôt du 01/02/2025 est postérieure au jour de l'enregistrement (31/01/2025).", futur.Motif);
        Assert.Equal("Une date de naissance ne peut pas être postérieure à la demande.", naissance.Motif);
    }

    [Fact]
    public void La_mise_a_jour_garde_le_numero_et_la_date_de_depot()
    {
        var demande = NouvelleDemande(Depot);
        var numero = demande.Numero;
        var nouveau = Contenu(souhaits: SouhaitsT2(LaSeyne));

        Assert.True(demande.MettreAJour(nouveau, Le(J(2025, 9, 1)), Agent).EstReussi);

        Assert.Same(nouveau, demande.Contenu);
        Assert.Equal(numero, demande.Numero);
        Assert.Equal(Depot, demande.DateDepot);
        Assert.Equal("Demande mise à jour, date de dépôt du 15/01/2025 conservée", demande.Evenements[^1].Resume);
    }

    [Fact]
    public void Un_acte_ne_peut_pas_etre_antidate()
    {
        var demande = NouvelleDemande(Depot);
        Assert.True(demande.NoterPieceRecue(TypePiece.AvisImposition, Le(J(2025, 3, 1)), Agent).EstReussi);

        var resultat = demande.NoterPieceRecue(TypePiece.AvisImposition, Le(J(2025, 2, 1)), Agent);

        Assert.False(resultat.EstReussi);
        Assert.StartsWith("Un acte ne peut pas être daté avant le dernier événement", resultat.Motif, StringComparison.Ordinal);
    }

    [Fact]
    public void Les_situations_prioritaires_se_declarent_puis_se_valident_par_un_agent_habilite()
    {
        var demande = NouvelleDemande(Depot);
        var critere = CriterePrioritaire.ViolencesConjugalesOuSexuelles;

        Assert.True(demande.DeclarerSituationPrioritaire(critere, null, Le(J(2025, 2, 1)), Agent).EstReussi);
        Assert.Equal("La situation prioritaire à accès restreint est déjà déclarée.", demande.DeclarerSituationPrioritaire(critere, null, Le(J(2025, 2, 1)), Agent).Motif);
        var situation = Assert.Single(demande.SituationsPrioritaires);
        Assert.Equal(StatutJustification.Declaree, situation.Statut);

        Assert.True(demande.ValiderSituationPrioritaire(critere, Piece, null, Le(J(2025, 2, 10)), AgentHabilite).EstReussi);

        Assert.Equal(StatutJustification.ValideeParAgentHabilite, situation.Statut);
        Assert.Equal(AgentHabilite.Id, situation.ValideePar);
        Assert.Equal(Le(J(2025, 2, 10)), situation.ValideeLe);
        Assert.Equal("La situation prioritaire à accès restreint est déjà validée depuis le 10/02/2025.",
            demande.ValiderSituationPrioritaire(critere, Piece, null, Le(J(2025, 2, 11)), AgentHabilite).Motif);
    }

    [Fact]
    public void Une_decision_caleol_porte_un_rang_seulement_pour_une_attribution_par_ordre_de_priorite()
    {
        var demande = NouvelleDemande(Depot);

        Assert.False(demande.NoterDecisionCaleol(Logement, DecisionCaleol.AttributionAvecRang, null, Quand, Agent).EstReussi);
        Assert.False(demande.NoterDecisionCaleol(Logement, DecisionCaleol.Attribution, 2, Quand, Agent).EstReussi);
        Assert.True(demande.NoterDecisionCaleol(Logement, DecisionCaleol.AttributionAvecRang, 2, Quand, Agent).EstReussi);
        Assert.Equal("Décision de la CALEOL : attribution par ordre de priorité, rang 2", demande.Evenements[^1].Resume);
        Assert.Equal(Logement, demande.Evenements[^1].LogementId);
    }

    [Fact]
    public void Une_offre_attend_une_reponse_apres_sa_date()
    {
        var demande = NouvelleDemande(Depot);

        Assert.Equal("La date limite de réponse à l'offre doit être postérieure à l'offre.",
            demande.NoterOffre(Logement, J(2025, 12, 20), adaptee: true, Quand, Agent).Motif);
    }

    [Fact]
    public void Le_bail_signe_radie_la_demande_pour_attribution()
    {
        var demande = NouvelleDemande(Depot);

        Assert.True(demande.ConstaterBailSigne(Logement, Quand, Agent).EstReussi);

        Assert.Equal(StatutDemande.Radiee, demande.Statut);
        Assert.Equal(MotifRadiation.AttributionBailSigne, demande.MotifRadiation);
        Assert.Equal(J(2025, 12, 20), demande.DateRadiation);
        Assert.Equal(
            [TypeEvenementDemande.Enregistrement, TypeEvenementDemande.BailSigne, TypeEvenementDemande.Radiation],
            demande.Evenements.Select(e => e.Type));
        Assert.Equal("Demande radiée : attribution suivie de la signature d'un bail (R441-2-8 a))", demande.Evenements[^1].Resume);
    }
}
