using System.Buffers;
using System.Text;
using System.Text.Json;
using Logis.Persistence.Demandes;

namespace Logis.Persistence.Tests;

public class ContenuJsonTests
{
    /// <summary>
    /// A content written by the former reflection-based serializer (a generated demand, import of 28/11/2026): the
    /// source-generated serializer reads it and writes it back byte for byte, so stored demands need no migration.
    /// </summary>
    private const string Stocke = """
        {"Personnes":[{"Nom":"Boyer","Prenoms":"Clara","DateNaissance":"1997-07-10","Lien":1,"Sexe":1,"Nationalite":1,"SituationProfessionnelle":7,"Ressources":[{"Type":2,"MontantMensuel":1403}],"RessourcesMensuelles":1403}],"Contact":{"Adresse":{"Ligne1":"86 avenue de la Lib\u00E9ration","CodePostal":"83000","Commune":"Toulon"},"Telephone":"0639980287","Courriel":"clara.boyer594@example.org","AccepteCourriel":true},"SituationFamiliale":7,"RevenuFiscalReferenceN2":12499,"LogementActuel":{"Statut":1,"Commune":"83137","LoyerMensuel":257,"Surface":46},"Motifs":[9,7,19],"MotifPrincipal":9,"Souhaits":{"Typologies":[1],"Communes":["83144","83069"],"ToutEpci":false,"LoyerMaximum":420,"AscenseurNecessaire":true,"AccessiblePmr":false},"Handicap":{"FauteuilRoulant":true,"MobiliteReduite":true,"AutreAdaptation":false}}
        """;

    /// <summary>A content of before version 2 (no co-applicant, no dependant) whose household has a partner and two children.</summary>
    private const string StockeFamille = """
        {"Personnes":[{"Nom":"Roux","Prenoms":"Nadia","DateNaissance":"1988-03-02","Lien":1,"Ressources":[{"Type":1,"MontantMensuel":1500}]},{"Nom":"Roux","Prenoms":"Karim","DateNaissance":"1986-11-20","Lien":2,"Ressources":[{"Type":1,"MontantMensuel":1200}]},{"Nom":"Roux","Prenoms":"Lina","DateNaissance":"2015-05-05","Lien":3,"Ressources":[]},{"Nom":"Roux","Prenoms":"Mehdi","DateNaissance":"2019-09-09","Lien":3,"Ressources":[]}],"Contact":{"Adresse":{"Ligne1":"3 rue Victor Hugo","CodePostal":"83000","Commune":"Toulon"},"AccepteCourriel":false},"SituationFamiliale":2,"RevenuFiscalReferenceN2":29800,"LogementActuel":{"Statut":2,"LoyerMensuel":780,"Surface":41},"Motifs":[7],"MotifPrincipal":7,"Souhaits":{"Typologies":[3,4],"Communes":[],"ToutEpci":true,"AscenseurNecessaire":false,"AccessiblePmr":false}}
        """;

    [Fact]
    public void Le_contenu_stocke_avant_la_version_2_se_relit_et_se_reecrit_sans_perte()
    {
        var contenu = ContenuJson.Lire(Stocke);
        Assert.Equal("Clara", Assert.Single(contenu.Personnes).Prenoms);
        var ecrit = ContenuJson.Ecrire(contenu);
        Assert.Contains("\"Version\":2", ecrit, StringComparison.Ordinal);
        var relu = ContenuJson.Lire(ecrit);
        Assert.Equal(ecrit, ContenuJson.Ecrire(relu));
        Assert.Equal(12499m, relu.RevenuFiscalReferenceN2);
        Assert.Null(relu.CoDemandeur);
        Assert.Equal(257m, relu.LogementActuel!.LoyerMensuel);
        Assert.Null(relu.LogementActuel.AideLogementMensuelle);
    }

    /// <summary>
    /// Migration of a content of before version 2: the partner becomes the co-applicant and each child a dependant, so the
    /// household category is computed (couple with two dependants: category 4) — and stays so once written back.
    /// </summary>
    [Fact]
    public void Le_contenu_stocke_avant_la_version_2_est_migre_a_la_lecture()
    {
        var contenu = ContenuJson.Lire(StockeFamille);
        Assert.Equal("Karim", contenu.CoDemandeur?.Prenoms);
        Assert.Equal([false, false, true, true], contenu.Personnes.Select(p => p.ACharge));
        var relu = ContenuJson.Lire(ContenuJson.Ecrire(contenu));
        Assert.Equal(contenu.Personnes.Select(p => (p.Prenoms, p.CoDemandeur, p.ACharge)), relu.Personnes.Select(p => (p.Prenoms, p.CoDemandeur, p.ACharge)));
        var menage = relu.Menage(new DateOnly(2026, 12, 1)).Valeur;
        var categorie = Logis.Domain.Eligibilite.CategorieMenage.Determiner(menage, Logis.Domain.Eligibilite.ParametresEligibilite.Defaut);
        Assert.Equal(4, categorie.Numero);
    }

    [Fact]
    public void Le_contenu_ecrit_en_UTF_8_a_les_octets_du_texte()
    {
        var contenu = ContenuJson.Lire(Stocke);
        var tampon = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(tampon))
        {
            ContenuJson.Ecrire(w, contenu);
            w.Flush();
            w.Reset();
            // A second content in the same buffer, as the import writes a batch.
            ContenuJson.Ecrire(w, contenu);
        }
        var attendu = Encoding.UTF8.GetBytes(ContenuJson.Ecrire(contenu));
        Assert.Equal([.. attendu, .. attendu], tampon.WrittenSpan.ToArray());
    }

    [Fact]
    public void La_demande_d_une_personne_morale_se_relit_sans_rubrique_de_menage()
    {
        var saisie = new Logis.Domain.Demandes.DemandeSaisie(
            [new Logis.Domain.Demandes.PersonneSaisie("Martin", "Sophie", "1971-03-08", null, null, null, null, null, null)],
            new Logis.Domain.Demandes.AdresseSaisie("12 boulevard de Strasbourg", null, "83000", "Toulon"), null, null, false, null, null, null, null, null,
            new Logis.Domain.Demandes.SouhaitsSaisie(["T2"], ["83137"], false, null, null, false, false), null,
            PersonneMorale: new Logis.Domain.Demandes.PersonneMoraleSaisie("CCAS de Toulon", "268300557", "CentreActionSociale"));
        var contenu = saisie.Lire().Contenu!;
        var ecrit = ContenuJson.Ecrire(contenu);
        Assert.Contains("\"Siren\":\"268300557\"", ecrit, StringComparison.Ordinal);
        Assert.DoesNotContain("SituationFamiliale", ecrit, StringComparison.Ordinal);
        var relu = ContenuJson.Lire(ecrit);
        Assert.Equal(("CCAS de Toulon", Logis.Domain.Demandes.NaturePersonneMorale.CentreActionSociale), (relu.PersonneMorale!.RaisonSociale, relu.PersonneMorale.Nature));
        Assert.Null(relu.LogementActuel);
        Assert.Equal(ecrit, ContenuJson.Ecrire(relu));
    }
}
