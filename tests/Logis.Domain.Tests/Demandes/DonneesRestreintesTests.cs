using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>An update by an agent who does not see the restricted fields keeps them from the stored content (ContenuDemande.ConserverDonneesRestreintes).</summary>
public class DonneesRestreintesTests
{
    private static readonly Nir NirLea = NirDe("2900483137012");
    private static readonly Nir NirTom = NirDe("1150683137045");

    private static ContenuDemande Enregistre() => ContenuDemande.Creer(
        [Personne("Martin", "Léa", J(1990, 4, 12), nir: NirLea) with { CarteInvalidite = true },
         Personne("Martin", "Tom", J(2015, 6, 1), LienPersonne.Enfant, salaire: 0)],
        new Coordonnees(new AdressePostale("12 rue Picot", null, "83000", "Toulon"), "0600000000", null, false),
        SituationFamiliale.Celibataire, 16800m, new LogementActuel(StatutLogementActuel.LocataireParcPrive, Toulon, 720m, 38m),
        [MotifDemande.ViolencesFamiliales, MotifDemande.LogementTropCher, MotifDemande.RaisonsDeSante], MotifDemande.ViolencesFamiliales,
        SouhaitsT2(), new BesoinsHandicap(true, false, false)).Valeur;

    /// <summary>What a partner agent sends: the persons without NIR or card, no disability needs, only the reasons it sees.</summary>
    private static ContenuDemande Envoye(params PersonneALoger[] ajoutees) => ContenuDemande.Creer(
        [Personne(" martin", "LÉA", J(1990, 4, 12)), Personne("Martin", "Tom", J(2015, 6, 1), LienPersonne.Enfant, salaire: 0), .. ajoutees],
        new Coordonnees(new AdressePostale("7 rue Neuve", null, "83000", "Toulon"), "0600000000", null, false),
        SituationFamiliale.Celibataire, 16800m, new LogementActuel(StatutLogementActuel.LocataireParcPrive, Toulon, 720m, 38m),
        [MotifDemande.LogementTropCher, MotifDemande.LogementTropPetit], MotifDemande.LogementTropPetit, SouhaitsT2(), null).Valeur;

    [Fact]
    public void Les_donnees_restreintes_enregistrees_sont_gardees_et_le_reste_vient_de_l_envoi()
    {
        var c = Envoye().ConserverDonneesRestreintes(Enregistre());

        Assert.Equal("7 rue Neuve", c.Contact.Adresse.Ligne1);
        Assert.Equal((NirLea, true), (c.Personnes[0].Nir, c.Personnes[0].CarteInvalidite));
        Assert.Equal((null, false), (c.Personnes[1].Nir, c.Personnes[1].CarteInvalidite));
        Assert.Equal(new BesoinsHandicap(true, false, false), c.Handicap);
        Assert.Equal([MotifDemande.LogementTropCher, MotifDemande.LogementTropPetit, MotifDemande.ViolencesFamiliales, MotifDemande.RaisonsDeSante], c.Motifs);
        // The main reason was a restricted one: the agent could not see it, so it could not change it.
        Assert.Equal(MotifDemande.ViolencesFamiliales, c.MotifPrincipal);
    }

    [Fact]
    public void Une_personne_ajoutee_garde_ce_que_l_agent_a_saisi_et_un_motif_non_restreint_principal_est_celui_envoye()
    {
        var enregistre = ContenuDemande.Creer(Enregistre().Personnes, Enregistre().Contact, SituationFamiliale.Celibataire, 16800m, Enregistre().LogementActuel!,
            [MotifDemande.LogementTropCher, MotifDemande.Handicap], MotifDemande.LogementTropCher, SouhaitsT2(), null).Valeur;
        var ajoutee = Personne("Durand", "Paul", J(1988, 2, 2), LienPersonne.Conjoint, nir: NirTom) with { CarteInvalidite = true };

        var c = Envoye(ajoutee).ConserverDonneesRestreintes(enregistre);

        Assert.Equal((NirTom, true), (c.Personnes[2].Nir, c.Personnes[2].CarteInvalidite));
        Assert.Equal(MotifDemande.LogementTropPetit, c.MotifPrincipal);
        Assert.Contains(MotifDemande.Handicap, c.Motifs);
        Assert.Null(c.Handicap);
        Assert.All([MotifDemande.ViolencesFamiliales, MotifDemande.Handicap, MotifDemande.RaisonsDeSante], m => Assert.True(m.EstRestreint()));
        Assert.DoesNotContain(Enum.GetValues<MotifDemande>(), m => m.EstRestreint() && m is not (MotifDemande.ViolencesFamiliales or MotifDemande.Handicap or MotifDemande.RaisonsDeSante));
    }
}
