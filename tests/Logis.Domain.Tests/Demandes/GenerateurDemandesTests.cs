using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Menages;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

public class GenerateurDemandesTests
{
    private static readonly DateOnly Reference = J(2026, 1, 1);

    // Six communes of Toulon Provence Méditerranée: COG 2026 population; social share ≈ RPLS 2019 stock / (population / 2.1).
    private static readonly CommuneDeGeneration[] Tpm =
    [
        new(CodeInsee.Create("83137"), "Toulon", "83000", 179_116, 0.15),
        new(CodeInsee.Create("83126"), "La Seyne-sur-Mer", "83500", 63_732, 0.18),
        new(CodeInsee.Create("83069"), "Hyères", "83400", 55_858, 0.13),
        new(CodeInsee.Create("83129"), "Six-Fours-les-Plages", "83140", 37_109, 0.09),
        new(CodeInsee.Create("83062"), "La Garde", "83130", 26_476, 0.23),
        new(CodeInsee.Create("83144"), "La Valette-du-Var", "83160", 23_719, 0.12),
    ];

    private static readonly Lazy<IReadOnlyList<Demande>> DemandesTpm = new(() => Generer(2026, GenerateurDemandes.VolumeTpm));

    private static IReadOnlyList<Demande> Generer(int graine, int nombre, ProfilDemandes? profil = null) =>
        GenerateurDemandes.Generer(new ParametresGeneration(graine, nombre, "083", Reference, Tpm, TroisMois, profil ?? ProfilDemandes.Defaut)).Valeur;

    private static string Empreinte(Demande d) =>
        string.Join("|",
            d.Id, d.Numero, d.DateDepot, d.DateDernierRenouvellement, d.Canal, d.Contenu.RessourcesMensuelles, d.Contenu.RevenuFiscalReferenceN2,
            string.Join(",", d.Contenu.Personnes.Select(p => $"{p.Nom} {p.Prenoms} {p.DateNaissance}")),
            string.Join(",", d.Contenu.Souhaits.Communes), string.Join(",", d.Evenements.Select(e => e.ToString())));

    /// <summary>Consumption units, modified OECD scale [M]: 1, then 0.5 per person of 14 or more, 0.3 below.</summary>
    private static decimal Uc(Demande d) =>
        1m + d.Contenu.Personnes.Skip(1).Sum(p => p.AgeAu(Reference) >= 14 ? 0.5m : 0.3m);

    private static double Part(IReadOnlyList<Demande> demandes, Func<Demande, bool> critere) =>
        demandes.Count(critere) / (double)demandes.Count;

    [Fact]
    public void La_meme_graine_donne_les_memes_demandes()
    {
        var a = Generer(7, 500).Select(Empreinte);
        var b = Generer(7, 500).Select(Empreinte);
        var c = Generer(8, 500).Select(Empreinte);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Toutes_les_demandes_sont_actives_et_valides_a_la_date_de_reference()
    {
        var demandes = DemandesTpm.Value;

        Assert.Equal(GenerateurDemandes.VolumeTpm, demandes.Count);
        Assert.All(demandes, d =>
        {
            Assert.Equal(StatutDemande.Active, d.Statut);
            Assert.True(d.DateDepot <= Reference && d.DateFinValidite >= Reference);
            Assert.Equal(TypeEvenementDemande.Enregistrement, d.Evenements[0].Type);
        });
        Assert.Equal(demandes.Count, demandes.Select(d => d.Numero.Valeur).Distinct().Count());
        Assert.Equal(demandes.Count, demandes.Select(d => d.Id).Distinct().Count());
        Assert.All(demandes.SelectMany(d => d.Contenu.Souhaits.Communes), c => Assert.Contains(c, Tpm.Select(t => t.Code)));
        Assert.All(demandes, d => Assert.All(d.Contenu.Personnes, p => Assert.Null(p.Nir)));
    }

    [Fact]
    public void La_composition_suit_le_profil()
    {
        var demandes = DemandesTpm.Value;
        bool Monoparentale(Demande d) =>
            d.Contenu.Personnes.All(p => p.Lien is LienPersonne.Demandeur or LienPersonne.Enfant) && d.Contenu.Personnes.Any(p => p.Lien == LienPersonne.Enfant);

        Assert.InRange(Part(demandes, d => d.EstMutation), 0.255, 0.285);
        // A person alone sometimes receives a child under a visiting right or in alternating custody: slightly below the profile's 46 %.
        Assert.InRange(Part(demandes, d => d.Contenu.Personnes.Count == 1), 0.43, 0.465);
        Assert.InRange(Part(demandes, Monoparentale), 0.235, 0.28);
        Assert.InRange(Part(demandes, d => d.SituationsPrioritaires.Any(s => s.Critere == CriterePrioritaire.ReconnuDalo)), 0.005, 0.015);
        Assert.InRange(Part(demandes, d => d.SituationsPrioritaires.Count > 0), 0.04, 0.10);
        Assert.InRange(Part(demandes, d => d.Canal == CanalDepot.EnLigne), 0.58, 0.62);
    }

    /// <summary>
    /// Incomes and households calibrated on the published profile of applicants (USH, rapport au congrès 2021, « Mieux connaître
    /// la demande », cited by ASH n° 3228 and Banque des Territoires [S]): three applicants in four under the PLAI ceilings,
    /// seven households in ten with one adult. Here: category and ceiling computed from each generated content, zone
    /// « autres régions », ceilings of the reference year.
    /// </summary>
    [Fact]
    public void Les_revenus_et_les_menages_suivent_le_profil_publie_des_demandeurs()
    {
        var demandes = DemandesTpm.Value;
        var moteur = new Logis.Domain.Eligibilite.MoteurEligibilite(Eligibilite.DonneesDeReference.Plafonds, Logis.Domain.Eligibilite.ParametresEligibilite.Defaut);
        var sousPlai = Part(demandes, d => moteur.VerifierEligibilite(Reference.Year, ZonePlafond.AutresRegions, Patrimoine.Financement.Plai,
            d.Contenu.Menage(Reference).Valeur).EstEligible);
        Assert.InRange(sousPlai, 0.70, 0.80);
        var unAdulte = Part(demandes, d => d.Contenu.Personnes.Count(p => p.Lien != LienPersonne.Enfant) == 1);
        Assert.InRange(unAdulte, 0.66, 0.74);
        // Every household has a category: each couple names its co-applicant, each child is a dependant.
        Assert.All(demandes.Where(d => d.Contenu.Personnes.Any(p => p.Lien == LienPersonne.Conjoint)), d => Assert.NotNull(d.Contenu.CoDemandeur));
        Assert.All(demandes.SelectMany(d => d.Contenu.Personnes).Where(p => p.Lien == LienPersonne.Enfant && p.Garde is null), p => Assert.True(p.ACharge));
    }

    /// <summary>Siblings are at least ten months apart and never share a first name; addresses keep the commune's postal code.</summary>
    [Fact]
    public void Les_fratries_sont_plausibles()
    {
        foreach (var d in DemandesTpm.Value)
        {
            var enfants = d.Contenu.Personnes.Where(p => p.Lien == LienPersonne.Enfant).OrderBy(p => p.DateNaissance).ToList();
            for (var i = 1; i < enfants.Count; i++)
                Assert.True(enfants[i].DateNaissance >= enfants[i - 1].DateNaissance.AddMonths(10), $"{d.Numero} : {enfants[i - 1].DateNaissance} puis {enfants[i].DateNaissance}");
            Assert.Equal(enfants.Count, enfants.Select(e => e.Prenoms).Distinct().Count());
            Assert.Contains(d.Contenu.Contact.Adresse.CodePostal, Tpm.Select(c => c.CodePostal));
        }
    }

    [Fact]
    public void Les_ressources_et_l_anciennete_sont_plausibles()
    {
        var demandes = DemandesTpm.Value;
        var parUc = demandes.Select(d => d.Contenu.RessourcesMensuelles / Uc(d)).Order().ToList();
        var anciennetes = demandes.Select(d => Reference.DayNumber - d.DateDepot.DayNumber).Order().ToList();

        Assert.InRange(parUc[parUc.Count / 2], 700m, 1300m);
        Assert.InRange(parUc[parUc.Count / 4], 350m, 900m);
        Assert.InRange(anciennetes[anciennetes.Count / 2] / 30.44, 10, 20);
        Assert.InRange(anciennetes[^1] / 30.44, 60, 121);
        Assert.InRange(Part(demandes, d => d.Evenements.Any(e => e.Type == TypeEvenementDemande.Renouvellement)), 0.35, 0.60);
    }

    [Fact]
    public void Les_typologies_souhaitees_vont_avec_la_taille_du_menage()
    {
        Assert.All(DemandesTpm.Value, d =>
        {
            var taille = Math.Min(d.Contenu.Personnes.Count, 6);
            Assert.All(d.Contenu.Souhaits.Typologies, t => Assert.InRange((int)t, Math.Max(1, taille - 1), Math.Min(6, taille + 1)));
        });
    }

    [Fact]
    public void Un_profil_incoherent_est_refuse()
    {
        var profil = ProfilDemandes.Defaut with { PartPersonnesSeules = 0.9 };

        var resultat = GenerateurDemandes.Generer(new ParametresGeneration(1, 10, "083", Reference, Tpm, TroisMois, profil));

        Assert.Equal("Les parts des types de ménage dépassent 100 %.", resultat.Motif);
        Assert.False(GenerateurDemandes.Generer(new ParametresGeneration(1, 10, "083", Reference, [], TroisMois, ProfilDemandes.Defaut)).EstReussi);
        Assert.False(GenerateurDemandes.Generer(new ParametresGeneration(1, 10, "20", Reference, Tpm, TroisMois, ProfilDemandes.Defaut)).EstReussi);
    }

    [Fact]
    public void La_corse_est_un_territoire_comme_un_autre()
    {
        CommuneDeGeneration[] ajaccio = [new(CodeInsee.Create("2A004"), "Ajaccio", "20000", 74_000, 0.15)];

        var demandes = GenerateurDemandes.Generer(new ParametresGeneration(3, 50, "02A", Reference, ajaccio, TroisMois, ProfilDemandes.Defaut)).Valeur;

        Assert.All(demandes, d => Assert.Equal("02A", d.Numero.Territoire));
    }
}
