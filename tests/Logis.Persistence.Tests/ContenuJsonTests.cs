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

    [Fact]
    public void Le_contenu_stocke_se_relit_et_se_reecrit_a_l_identique()
    {
        var contenu = ContenuJson.Lire(Stocke);
        Assert.Equal("Clara", Assert.Single(contenu.Personnes).Prenoms);
        Assert.Equal(Stocke, ContenuJson.Ecrire(contenu));
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
}
