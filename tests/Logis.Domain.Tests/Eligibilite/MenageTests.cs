using Logis.Domain.Menages;
using static Logis.Domain.Tests.Eligibilite.Foyers;

namespace Logis.Domain.Tests.Eligibilite;

public class MenageTests
{
    [Fact]
    public void Un_menage_vide_est_refuse_avec_une_raison()
    {
        var resultat = Menage.Creer([], RevenuRetenu.RevenuFiscalDeReference(20_000m), Reference);

        Assert.False(resultat.EstReussi);
        Assert.Contains(resultat.Erreurs, e => e.Contains("aucune personne", StringComparison.Ordinal));
    }

    [Fact]
    public void Une_date_de_naissance_future_est_refusee()
    {
        var bebe = new Personne(Reference.AddDays(1), LienPersonne.Enfant, ACharge: true);

        var resultat = Menage.Creer([Demandeur(30), bebe], null, Reference);

        Assert.Equal(["Personne 2 (enfant) : la date de naissance 02/01/2026 est postérieure à la date de référence 01/01/2026."], resultat.Erreurs);
    }

    [Fact]
    public void Un_revenu_negatif_est_refuse()
    {
        var resultat = Menage.Creer([Demandeur(30)], RevenuRetenu.RevenuFiscalDeReference(-1m), Reference);

        Assert.False(resultat.EstReussi);
        Assert.Contains(resultat.Erreurs, e => e.Contains("négatif", StringComparison.Ordinal));
    }

    [Fact]
    public void Des_revenus_recents_negatifs_sont_refuses()
    {
        var resultat = Menage.Creer([Demandeur(30)], RevenuRetenu.BaisseDeRessources(20_000m, -5m, PeriodeRevenus.AnneeN1), Reference);

        Assert.Single(resultat.Erreurs);
    }

    [Fact]
    public void Tous_les_problemes_sont_listes_ensemble()
    {
        Personne[] personnes =
        [
            Demandeur(40),
            Demandeur(38),
            Conjoint(35),
            Conjoint(36),
            new(Reference.AddYears(1), LienPersonne.Enfant, ACharge: true),
            new(Ne(131), LienPersonne.Ascendant),
            Conjoint(30) with { ACharge = true },
        ];

        var resultat = Menage.Creer(personnes, RevenuRetenu.RevenuFiscalDeReference(-10m), Reference);

        Assert.Equal(
            [
                "Le ménage compte 2 demandeurs : une demande n'a qu'un seul demandeur.",
                "Le ménage compte 3 conjoints : le demandeur n'a qu'un seul conjoint.",
                "Personne 5 (enfant) : la date de naissance 01/01/2027 est postérieure à la date de référence 01/01/2026.",
                "Personne 6 (ascendant) : un âge de 131 ans n'est pas plausible (130 ans au plus), vérifiez la date de naissance.",
                "Personne 7 (conjoint) : le conjoint ne peut pas être une personne à charge.",
                "Le revenu fiscal de référence ne peut pas être négatif (-10 €).",
            ],
            resultat.Erreurs);
    }

    [Fact]
    public void Un_menage_sans_demandeur_est_refuse()
    {
        var resultat = Menage.Creer([Conjoint(30)], null, Reference);

        Assert.Equal(["Le ménage ne compte aucun demandeur : une personne doit être le demandeur."], resultat.Erreurs);
    }

    [Fact]
    public void Un_age_de_130_ans_reste_possible()
    {
        Assert.True(Menage.Creer([Demandeur(130)], null, Reference).EstReussi);
    }

    [Fact]
    public void Un_enfant_en_garde_alternee_est_a_charge()
    {
        var menage = Foyer(20_000m, Demandeur(35), Enfant(8, gardeAlternee: true));

        Assert.Equal(1, menage.NombrePersonnesACharge);
    }
}
