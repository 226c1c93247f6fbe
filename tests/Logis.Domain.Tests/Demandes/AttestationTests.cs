using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>The attestation of registration, R441-2-4 a) to i).</summary>
public class AttestationTests
{
    // Example shaped on Rennes 2013 (30 months T1–T3, 24 months T4+) [S]; the Var value is not published.
    private static readonly DelaiAnormalementLong Delai = DelaiAnormalementLong.Creer(
        "83",
        new Dictionary<Typologie, int>
        {
            [Typologie.T1] = 30, [Typologie.T2] = 30, [Typologie.T3] = 30,
            [Typologie.T4] = 24, [Typologie.T5] = 24, [Typologie.T6] = 24,
        },
        "Arrêté préfectoral d'exemple").Valeur;

    private static readonly ContexteAttestation Contexte = new(
        new ServiceEnregistreur("Guichet de Toulon", new AdressePostale("Hôtel de ville", null, "83000", "Toulon")),
        Delai,
        "COMED du Var, boulevard du 112e RI, 83000 Toulon",
        new Dictionary<CodeInsee, IReadOnlyList<string>>
        {
            [Toulon] = ["Toulon Habitat Méditerranée", "Var Habitat"],
            [LaSeyne] = ["Var Habitat", "Erilia"],
            [CodeInsee.Create("83062")] = ["Unicil"],
        },
        "Sur le site de la demande en ligne ou auprès de tout guichet enregistreur.");

    [Fact]
    public void L_attestation_reprend_les_rubriques_a_a_i()
    {
        var demande = NouvelleDemande(J(2025, 1, 15), Contenu(souhaits: new Souhaits([Typologie.T3, Typologie.T4], [Toulon, LaSeyne], false, null, null, false, false)));
        Assert.True(demande.Renouveler(Le(J(2026, 1, 5)), Agent, TroisMois).EstReussi);

        var attestation = AttestationEnregistrement.Etablir(demande, Contexte).Valeur;

        Assert.Equal(("Martin", "Léa"), (attestation.NomDemandeur, attestation.PrenomsDemandeur));           // a)
        Assert.Equal("Toulon", attestation.AdresseDemandeur.Commune);
        Assert.Equal("Guichet de Toulon", attestation.Service.Nom);                                         // b)
        Assert.Equal(demande.Numero, attestation.Numero);                                                   // c)
        Assert.Equal(J(2025, 1, 15), attestation.DateDepot);                                                // d)
        Assert.Equal(J(2026, 1, 5), attestation.DateDernierRenouvellement);
        Assert.Equal(["Erilia", "Toulon Habitat Méditerranée", "Var Habitat"], attestation.Bailleurs);      // e)
        Assert.Equal(6, attestation.CasSaisineComed.Count);                                                 // f)
        Assert.Equal(J(2027, 1, 15), attestation.DateSaisineComedDelaiAnormalementLong);                    // g) shortest: T4, 24 months
        Assert.Equal("COMED du Var, boulevard du 112e RI, 83000 Toulon", attestation.AdresseComed);
        Assert.Equal(J(2027, 1, 4), attestation.DateFinValidite);                                           // h)
        Assert.StartsWith("Votre demande est valable jusqu'au 04/01/2027.", attestation.ModalitesValidite, StringComparison.Ordinal);
        Assert.Equal(6, attestation.ConditionsRadiation.Count);
        Assert.Contains("absence de réponse à un courrier (R441-2-8 c)), un mois après un avertissement", attestation.ConditionsRadiation);
        Assert.StartsWith("Sur le site", attestation.ModalitesInformation, StringComparison.Ordinal);        // i)
    }

    [Fact]
    public void Pour_toute_l_intercommunalite_l_attestation_liste_tous_les_bailleurs()
    {
        var demande = NouvelleDemande(J(2025, 1, 15), Contenu(souhaits: new Souhaits([Typologie.T2], [], true, null, null, false, false)));

        var attestation = AttestationEnregistrement.Etablir(demande, Contexte).Valeur;

        Assert.Equal(["Erilia", "Toulon Habitat Méditerranée", "Unicil", "Var Habitat"], attestation.Bailleurs);
        Assert.Equal(J(2027, 7, 15), attestation.DateSaisineComedDelaiAnormalementLong); // T2: 30 months
    }

    [Fact]
    public void La_date_de_saisine_part_de_la_date_de_depot_meme_apres_fusion()
    {
        var ancienne = NouvelleDemande(J(2023, 3, 1), sequence: 1);
        var conservee = NouvelleDemande(J(2024, 2, 1), sequence: 2);
        Assert.True(Demande.Fusionner(conservee, ancienne, Le(J(2024, 2, 2)), Agent).EstReussi);

        Assert.Equal(J(2025, 9, 1), AttestationEnregistrement.Etablir(conservee, Contexte).Valeur.DateSaisineComedDelaiAnormalementLong);
    }

    [Fact]
    public void Aucune_attestation_pour_une_demande_radiee()
    {
        var demande = NouvelleDemande(J(2025, 1, 15));
        Assert.True(demande.Radier(MotifRadiation.Renonciation, Le(J(2025, 2, 1)), Agent).EstReussi);

        Assert.False(AttestationEnregistrement.Etablir(demande, Contexte).EstReussi);
    }

    [Fact]
    public void Le_delai_anormalement_long_est_donne_pour_chaque_typologie_avec_sa_source()
    {
        var incomplet = new Dictionary<Typologie, int> { [Typologie.T1] = 30 };
        var complet = Enum.GetValues<Typologie>().ToDictionary(t => t, _ => 36);

        Assert.Equal("Le délai anormalement long doit être donné pour chaque typologie, de T1 à T6 et plus.",
            DelaiAnormalementLong.Creer("83", incomplet, "arrêté").Motif);
        Assert.False(DelaiAnormalementLong.Creer("83", complet, " ").EstReussi);
        Assert.False(DelaiAnormalementLong.Creer("83", Enum.GetValues<Typologie>().ToDictionary(t => t, _ => 0), "arrêté").EstReussi);
        Assert.Equal("2A", DelaiAnormalementLong.Creer("2a", complet, "arrêté").Valeur.Departement);
    }
}
