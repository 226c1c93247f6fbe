using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Demandes.Fabrique;
using Logis.Domain.Commun;

namespace Logis.Domain.Tests.Demandes;

/// <summary>The rules binding the R441-2-2 headings together.</summary>
public class ContenuDemandeTests
{
    private static readonly PersonneALoger Lea = Personne("Martin", "Léa", J(1990, 4, 12));

    private static Resultat<ContenuDemande> Creer(
        IReadOnlyList<PersonneALoger>? personnes = null, Coordonnees? contact = null, LogementActuel? logement = null,
        IReadOnlyList<MotifDemande>? motifs = null, MotifDemande principal = MotifDemande.LogementTropCher, Souhaits? souhaits = null,
        decimal? rfr = 16800m) =>
        ContenuDemande.Creer(
            personnes ?? [Lea],
            contact ?? new Coordonnees(new AdressePostale("12 rue Picot", null, "83000", "Toulon"), null, null, false),
            SituationFamiliale.Celibataire,
            rfr,
            logement ?? new LogementActuel(StatutLogementActuel.LocataireParcPrive, Toulon, 720m, 38m),
            motifs ?? [MotifDemande.LogementTropCher],
            principal,
            souhaits ?? SouhaitsT2(),
            null);

    private static Souhaits Souhaits(IReadOnlyList<Typologie> typologies, IReadOnlyList<CodeInsee> communes, bool toutEpci = false) =>
        new(typologies, communes, toutEpci, null, null, false, false);

    private static string Euros(decimal m) => m.ToString("#,##0.##", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) + " €";

    public static TheoryData<string, Resultat<ContenuDemande>> Refus => new()
    {
        { "La demande doit désigner un et un seul demandeur parmi les personnes à loger.", Creer(personnes: [Lea with { Lien = LienPersonne.Conjoint }]) },
        { "La demande doit désigner un et un seul demandeur parmi les personnes à loger.", Creer(personnes: [Lea, Lea with { Prenoms = "Paul" }]) },
        { "Chaque personne à loger doit avoir un nom et un prénom.", Creer(personnes: [Lea with { Nom = " " }]) },
        { "Un montant de ressources ne peut pas être négatif.", Creer(personnes: [Lea with { Ressources = [new Ressource(TypeRessource.Salaire, -1m)] }]) },
        { "Chaque type de ressource est déclaré une seule fois par personne.", Creer(personnes: [Lea with { Ressources = [new Ressource(TypeRessource.Rsa, 1m), new Ressource(TypeRessource.Rsa, 2m)] }]) },
        { "Deux personnes à loger ne peuvent pas avoir le même NIR.", Creer(personnes: [Lea with { Nir = NirDe("2900483137005") }, Personne("Martin", "Paul", J(1990, 1, 1), LienPersonne.Conjoint, NirDe("2900483137005"))]) },
        { "L'adresse doit comporter une voie, un code postal et une commune.", Creer(contact: new Coordonnees(new AdressePostale("", null, "83000", "Toulon"), null, null, false)) },
        { "Le demandeur qui accepte les courriels doit indiquer une adresse électronique.", Creer(contact: new Coordonnees(new AdressePostale("1 rue", null, "83000", "Toulon"), null, null, true)) },
        { "Le loyer actuel ne peut pas être négatif.", Creer(logement: new LogementActuel(StatutLogementActuel.LocataireParcPrive, null, -5m, null)) },
        { "La surface du logement actuel doit être positive.", Creer(logement: new LogementActuel(StatutLogementActuel.LocataireParcPrive, null, null, 0m)) },
        { "La demande doit indiquer au moins un motif.", Creer(motifs: []) },
        { "Un motif ne peut être indiqué qu'une fois.", Creer(motifs: [MotifDemande.LogementTropCher, MotifDemande.LogementTropCher]) },
        { "Le motif principal doit faire partie des motifs indiqués.", Creer(principal: MotifDemande.Handicap) },
        { "La demande doit indiquer au moins une typologie de logement.", Creer(souhaits: Souhaits([], [Toulon])) },
        { "Choisir toute l'intercommunalité exclut de lister des communes.", Creer(souhaits: Souhaits([Typologie.T2], [Toulon], toutEpci: true)) },
        { "La demande doit indiquer au moins une commune souhaitée, ou toute l'intercommunalité.", Creer(souhaits: Souhaits([Typologie.T2], [])) },
        { "La demande indique au plus 8 communes souhaitées.", Creer(souhaits: Souhaits([Typologie.T2], [.. Enumerable.Range(100, 9).Select(n => CodeInsee.Create($"83{n}"))])) },
        { "Une commune ne peut être souhaitée qu'une fois.", Creer(souhaits: Souhaits([Typologie.T2], [Toulon, Toulon])) },
        { "Le loyer maximum souhaité doit être positif.", Creer(souhaits: SouhaitsT2() with { LoyerMaximum = 0m }) },
        { "La demande a au plus un codemandeur.", Creer(personnes: [Lea, Personne("Martin", "Paul", J(1990, 1, 1), LienPersonne.Conjoint) with { CoDemandeur = true }, Personne("Martin", "Inès", J(1960, 1, 1), LienPersonne.Ascendant) with { CoDemandeur = true }]) },
        { "Le demandeur ne peut pas être son propre codemandeur.", Creer(personnes: [Lea with { CoDemandeur = true }]) },
        { "Le demandeur et le codemandeur ne peuvent pas être des personnes à charge.", Creer(personnes: [Lea with { ACharge = true }]) },
        { "Le demandeur et le codemandeur ne peuvent pas être des personnes à charge.", Creer(personnes: [Lea, Personne("Martin", "Paul", J(1990, 1, 1), LienPersonne.Conjoint) with { CoDemandeur = true, ACharge = true }]) },
        { "Seul un enfant peut être en garde alternée ou en droit de visite.", Creer(personnes: [Lea, Personne("Martin", "Paul", J(1990, 1, 1), LienPersonne.Conjoint) with { Garde = GardeEnfant.Alternee }]) },
        { "Le demandeur a au plus un conjoint parmi les personnes à loger.", Creer(personnes: [Lea, Personne("Martin", "Paul", J(1990, 1, 1), LienPersonne.Conjoint), Personne("Martin", "Marc", J(1991, 1, 1), LienPersonne.Conjoint)]) },
        { "Un revenu fiscal de référence ne peut pas être négatif.", Creer(personnes: [Lea with { RevenuFiscalReferenceN2 = -1m }], rfr: null) },
        { $"Le revenu fiscal de référence du ménage ({Euros(16800m)}) n'est pas la somme de ceux des personnes ({Euros(16000m)}).", Creer(personnes: [Lea with { RevenuFiscalReferenceN2 = 16000m }]) },
        { "L'aide au logement ne peut pas être négative.", Creer(logement: new LogementActuel(StatutLogementActuel.LocataireParcPrive, null, 500m, null, -1m)) },
    };

    [Theory]
    [MemberData(nameof(Refus))]
    public void Un_contenu_incoherent_est_refuse_avec_sa_raison(string raison, Resultat<ContenuDemande> resultat)
    {
        Assert.False(resultat.EstReussi);
        Assert.Equal(raison, resultat.Motif);
    }

    [Fact]
    public void Un_contenu_complet_donne_le_demandeur_les_ressources_et_la_mutation()
    {
        var enfant = Personne("Martin", "Noé", J(2015, 2, 1), LienPersonne.Enfant, salaire: 0);
        var lea = Lea with { Ressources = [new Ressource(TypeRessource.Salaire, 1400m), new Ressource(TypeRessource.PrestationsFamiliales, 150m)] };
        var contenu = Creer(
            personnes: [enfant, lea],
            logement: new LogementActuel(StatutLogementActuel.LocataireParcSocial, Toulon, 420m, 45m),
            souhaits: Souhaits([Typologie.T3, Typologie.T2], [], toutEpci: true)).Valeur;

        Assert.Same(lea, contenu.Demandeur);
        Assert.Equal(1550m, contenu.RessourcesMensuelles);
        Assert.True(contenu.EstMutation);
        Assert.Equal([Typologie.T2, Typologie.T3], contenu.Souhaits.Typologies);
    }

    /// <summary>
    /// Two adults each with their own revenu fiscal de référence, a child in alternating custody and a dependant grandmother
    /// holding the disability card: the household total is the sum, and the household the eligibility rules see carries
    /// each person's status (arrêté du 29 juillet 1987: 4 persons, one disabled → category 5).
    /// </summary>
    [Fact]
    public void Les_revenus_de_chaque_adulte_et_le_statut_de_chaque_personne_font_le_menage()
    {
        var paul = Personne("Martin", "Paul", J(1988, 6, 1), LienPersonne.Conjoint) with { CoDemandeur = true, RevenuFiscalReferenceN2 = 14200m, Employeur = "Chantiers navals", CommuneTravail = LaSeyne };
        var noe = Personne("Martin", "Noé", J(2016, 2, 1), LienPersonne.Enfant, salaire: 0) with { Garde = GardeEnfant.Alternee };
        var mamie = Personne("Giraud", "Odette", J(1950, 2, 1), LienPersonne.Ascendant, salaire: 0) with { ACharge = true, CarteInvalidite = true };
        var contenu = Creer(personnes: [Lea with { RevenuFiscalReferenceN2 = 15300m }, paul, noe, mamie], rfr: null).Valeur;

        Assert.Equal(29500m, contenu.RevenuFiscalReferenceN2);
        Assert.Same(paul, contenu.CoDemandeur);
        var menage = contenu.Menage(J(2026, 12, 1)).Valeur;
        Assert.Equal(2, menage.NombrePersonnesACharge);
        Assert.True(menage.ComprendUnePersonneHandicapee);
        Assert.Equal(29500m, menage.Revenu?.RevenuFiscalReferenceN2);
        var categorie = Logis.Domain.Eligibilite.CategorieMenage.Determiner(menage, Logis.Domain.Eligibilite.ParametresEligibilite.Defaut);
        Assert.Equal(5, categorie.Numero);
        // Same total given for the household and by person: accepted.
        Assert.True(Creer(personnes: [Lea with { RevenuFiscalReferenceN2 = 15300m }, paul], rfr: 29500m).EstReussi);
    }

    [Fact]
    public void Sans_nir_la_demande_se_cree_se_renouvelle_et_se_radie()
    {
        var demande = NouvelleDemande(J(2025, 1, 15), Contenu([Lea with { Nir = null }]));

        Assert.True(demande.Renouveler(Le(J(2026, 1, 10)), Agent, TroisMois).EstReussi);
        Assert.True(demande.Radier(MotifRadiation.Renonciation, Le(J(2026, 2, 1)), Agent).EstReussi);
    }
}
