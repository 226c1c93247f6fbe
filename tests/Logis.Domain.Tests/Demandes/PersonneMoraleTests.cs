using Logis.Domain.Demandes;

namespace Logis.Domain.Tests.Demandes;

/// <summary>The demand of a legal entity (CCH L442-8-1): headings a), b) and h) only (R441-2-2), read by the one input reader.</summary>
public class PersonneMoraleTests
{
    private static DemandeSaisie Saisie(PersonneMoraleSaisie? pm = null, string? situationFamiliale = null, IReadOnlyList<string?>? motifs = null,
        decimal? ressource = null, int personnes = 1) => new(
        [.. Enumerable.Range(0, personnes).Select(i => new PersonneSaisie(i == 0 ? "Martin" : "Durand", "Sophie", "1971-03-08", i == 0 ? null : "Autre", null, null, null, null,
            ressource is { } r ? [new RessourceSaisie("Salaire", r)] : null))],
        new AdresseSaisie("12 boulevard de Strasbourg", null, "83000", "Toulon"), null, null, false,
        situationFamiliale, null, null, motifs, null,
        new SouhaitsSaisie(["T2"], ["83137"], false, 650m, null, false, false), null,
        PersonneMorale: pm ?? new PersonneMoraleSaisie("Habitat et Insertion du Var", "775 672 272", "CentreActionSociale"));

    [Fact]
    public void Trois_rubriques_suffisent_et_la_demande_n_a_pas_de_menage()
    {
        var (contenu, erreurs) = Saisie().Lire();
        Assert.Empty(erreurs);
        Assert.True(contenu!.EstPersonneMorale);
        Assert.Equal(("Habitat et Insertion du Var", "775672272", NaturePersonneMorale.CentreActionSociale),
            (contenu.PersonneMorale!.RaisonSociale, contenu.PersonneMorale.Siren.Value, contenu.PersonneMorale.Nature));
        Assert.Null(contenu.SituationFamiliale);
        Assert.Null(contenu.LogementActuel);
        Assert.Null(contenu.MotifPrincipal);
        Assert.False(contenu.EstMutation);
        var menage = contenu.Menage(new DateOnly(2026, 11, 27));
        Assert.False(menage.EstReussi);
        Assert.Contains("L442-8-1", menage.Motif, StringComparison.Ordinal);
    }

    public static TheoryData<string, DemandeSaisie> RubriquesRefusees => new()
    {
        { "situationFamiliale", Saisie(situationFamiliale: "Marie") },
        { "motifs", Saisie(motifs: ["LogementTropCher"]) },
        { "personnes[0].ressources", Saisie(ressource: 900m) },
        { "personnes", Saisie(personnes: 2) },
        { "personneMorale.siren", Saisie(new PersonneMoraleSaisie("Asso", "12345", "Crous")) },
        { "personneMorale.raisonSociale", Saisie(new PersonneMoraleSaisie("  ", "775672272", "Crous")) },
        { "personneMorale.nature", Saisie(new PersonneMoraleSaisie("Asso", "775672272", "Entreprise")) },
        { "personneMorale.nature", Saisie(new PersonneMoraleSaisie("Asso", "775672272", null)) },
    };

    [Theory]
    [MemberData(nameof(RubriquesRefusees))]
    public void Une_rubrique_de_menage_ou_une_identite_invalide_est_une_erreur_de_son_champ(string champ, DemandeSaisie saisie)
    {
        var (contenu, erreurs) = saisie.Lire();
        Assert.Null(contenu);
        Assert.Contains(champ, erreurs.Keys);
    }

    [Fact]
    public void La_demande_d_un_menage_exige_toujours_situation_logement_et_motif()
    {
        var menage = Saisie() with { PersonneMorale = null };
        var (_, erreurs) = menage.Lire();
        Assert.Contains("situationFamiliale", erreurs.Keys);
        Assert.Contains("logementActuel.statut", erreurs.Keys);
        Assert.Contains("motifPrincipal", erreurs.Keys);
    }

    [Fact]
    public void Chaque_nature_a_son_libelle()
    {
        foreach (var n in Enum.GetValues<NaturePersonneMorale>()) Assert.False(string.IsNullOrWhiteSpace(PersonneMorale.Libelle(n)));
    }
}
