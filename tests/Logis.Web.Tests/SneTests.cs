using System.Xml.Linq;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Application.Sne;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes.Fichier;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// The port to the national registration system (docs/sne.md §2): each act on a demand sends its exchange, in the act's
/// transaction, through the recording double; an extract in the SNE's format reads back into the same demands.
/// </summary>
public class SneTests
{
    private static readonly Siren Gapeau = Siren.Create("248300410");
    private static readonly Agent AgentEpci = new(Guid.Parse("00000000-0000-0000-0000-0000000e0b01"), "Camille Martin", Role.AgentEpci, new Perimetre(Gapeau));

    private static readonly Lazy<(Epci Epci, List<Commune> Communes)> Territoire = new(() =>
    {
        var reference = TerritoireSemeFixture.Reference;
        return (reference.Epcis().Single(e => e.Siren == Gapeau),
            [.. reference.Communes().Where(c => c.EpciSiren == Gapeau).OrderBy(c => c.CodeInsee.Value, StringComparer.Ordinal)]);
    });

    private static async Task<OptionsBase> BaseAsync(string f, string nom)
    {
        var options = await BasesDeTest.CreerAsync(f, nom);
        await using var db = BasesDeTest.Ouvrir(options);
        db.Epcis.Add(Territoire.Value.Epci);
        db.Communes.AddRange(Territoire.Value.Communes);
        db.Guichets.Add(GuichetEnregistreur.Creer(Gapeau, "G0001", "Service habitat", "", "", OrganisationGuichet.Epci, Gapeau.Value).Valeur);
        await db.SaveChangesAsync();
        return options;
    }

    private static DemandeSaisie Saisie(string nom, string? depot = null) => new(
        [new PersonneSaisie(nom, "Alice", "1985-05-12", "Demandeur", "Feminin", "Francaise", null, "Cdi", [new RessourceSaisie("Salaire", 1450m)]),
         new PersonneSaisie(nom, "Paul", "2015-02-03", "Enfant", "Masculin", "Francaise", null, null, [])],
        new AdresseSaisie("12 rue des Tests", null, "83390", "Cuers"), "0639980000", null, false, "Celibataire", 16_800m,
        new LogementActuelSaisie("LocataireParcPrive", null, 650m, 30m), ["LogementTropCher"], "LogementTropCher",
        new SouhaitsSaisie(["T3"], [Territoire.Value.Communes[0].CodeInsee.Value], false, 500m, null, false, false), null, DateDepot: depot,
        MotifDateDepot: depot is null ? null : "Dossier papier reçu par courrier, saisi avec retard");

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static XElement Demande(EchangeSne e) => e.Document.Root!.Element(FormatSne.Nuu + "demande")!.Element(FormatSne.Nuu + "demandeLogement")!;

    [Theory, DeuxBases]
    public async Task Chaque_acte_envoie_son_echange_au_systeme_national(string f)
    {
        var options = await BaseAsync(f, "sne");
        var horloge = Horloges.Fixe();
        var jour = horloge.AujourdhuiEnFrance();
        var sne = new SneEnMemoire(horloge);
        await using var db = BasesDeTest.Ouvrir(options);
        var service = new DemandesService(db, horloge, null!, sne: sne);

        // Registration: CRE with the national number, the deposit date and the applicant; a child as a dependant (link E).
        var numero = (await service.EnregistrerAsync(AgentEpci, Saisie("Echange"), default)).Valeur!.Valeur;
        var cre = Assert.Single(sne.Echanges);
        Assert.Equal((TypeEchangeSne.Creation, numero), (cre.Type, cre.Numero));
        Assert.Equal("CRE", cre.Document.Root!.Element(FormatSne.Nuu + "entete")!.Element(FormatSne.Nuu + "typeFichier")!.Value);
        Assert.Equal("G0001", cre.Document.Root!.Element(FormatSne.Nuu + "entete")!.Element(FormatSne.Nuu + "numGuichet")!.Value);
        var d = Demande(cre);
        Assert.Equal(numero, d.Element(FormatSne.Nuu + "numUnique")!.Value);
        Assert.Equal(Iso(jour), d.Element(FormatSne.Nuu + "dateCreationDemande")!.Value);
        var physique = d.Element(FormatSne.Nuu + "personnePhysique")!;
        Assert.Equal("Echange", physique.Element(FormatSne.Nuu + "demandeur")!.Element(FormatSne.Nuu + "nom")!.Value);
        Assert.Equal("E", physique.Descendants(FormatSne.Nuu + "lienParente").Single().Attribute("code")!.Value);
        Assert.Equal("LP", physique.Descendants(FormatSne.Nuu + "modeleLogement").Single().Attribute("code")!.Value);
        Assert.Equal("SAL", physique.Descendants(FormatSne.Nuu + "ressource").Single().Attribute("code")!.Value);
        Assert.DoesNotContain("nir", cre.Document.ToString(), StringComparison.OrdinalIgnoreCase);

        // Update, then radiation b): MOD, then RAD with the SNE's code of a written renunciation.
        Assert.True((await service.MettreAJourAsync(AgentEpci, numero, Saisie("Echangee"), default)).EstReussi);
        Assert.True((await service.RadierAsync(AgentEpci, numero, "b", null, default)).EstReussi);
        Assert.Equal([TypeEchangeSne.Creation, TypeEchangeSne.Modification, TypeEchangeSne.Radiation], sne.Echanges.Select(e => e.Type));
        Assert.Equal("Echangee", Demande(sne.Echanges[1]).Descendants(FormatSne.Nuu + "nom").First().Value);
        Assert.Equal("RADABA", Demande(sne.Echanges[2]).Element(FormatSne.Nuu + "radiation")!.Element(FormatSne.Nuu + "motifRadiation")!.Attribute("code")!.Value);

        // Renewal of a demand deposited eleven months ago: REN.
        var ancienne = (await service.EnregistrerAsync(AgentEpci, Saisie("Ancienne", Iso(jour.AddMonths(-11))), default)).Valeur!.Valeur;
        Assert.True((await service.RenouvelerAsync(AgentEpci, ancienne, default)).EstReussi);
        Assert.Equal((TypeEchangeSne.Renouvellement, ancienne), (sne.Echanges[^1].Type, sne.Echanges[^1].Numero));
    }

    [Theory, DeuxBases]
    public async Task Un_refus_du_systeme_national_defait_l_acte(string f)
    {
        var options = await BaseAsync(f, "snerefus");
        var horloge = Horloges.Fixe();
        var sne = new SneEnMemoire(horloge) { Refuser = true };
        NumeroUnique? apres;
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var service = new DemandesService(db, horloge, null!, sne: sne);
            var refus = await service.EnregistrerAsync(AgentEpci, Saisie("Refusee"), default);
            Assert.Equal(NatureEchec.Indisponible, refus.Probleme?.Nature);
        }
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            Assert.Equal(0, await db.Demandes.CountAsync());
            sne.Refuser = false;
            apres = (await new DemandesService(db, horloge, null!, sne: sne).EnregistrerAsync(AgentEpci, Saisie("Acceptee"), default)).Valeur;
        }
        // The refused registration gave back its sequence number: no gap.
        Assert.Equal(1, apres!.Sequence);
        Assert.Single(sne.Echanges);
    }

    [Theory, DeuxBases]
    public async Task Un_extrait_au_format_du_sne_se_relit_en_memes_demandes_avec_les_memes_numeros(string f)
    {
        var source = await BaseAsync(f, "snesource");
        var horloge = Horloges.Fixe();
        List<Demande> demandes;
        await using (var db = BasesDeTest.Ouvrir(source))
        {
            var service = new DemandesService(db, horloge, null!);
            foreach (var nom in new[] { "Premiere", "Seconde" }) Assert.True((await service.EnregistrerAsync(AgentEpci, Saisie(nom), default)).EstReussi);
            demandes = await db.Demandes.AsNoTracking().OrderBy(d => d.Numero).ToListAsync();
        }
        var extrait = FormatSne.Fichier(null, demandes, horloge.GetUtcNow());
        Assert.Equal("COP", extrait.Root!.Element(FormatSne.Nuu + "entete")!.Element(FormatSne.Nuu + "typeFichier")!.Value);

        var cible = await BaseAsync(f, "snecible");
        await using (var db = BasesDeTest.Ouvrir(cible))
        {
            var import = await new DemandesService(db, horloge, null!).ImporterAsync(AgentEpci, FormatSne.EnFichierDemandes(XDocument.Parse(extrait.ToString())), false, default);
            Assert.True(import.Valeur!.EstValide, string.Join("\n", import.Valeur.Rapport.Erreurs));
            Assert.Equal(2, import.Valeur.Importees);
            var relues = await db.Demandes.AsNoTracking().OrderBy(d => d.Numero).ToListAsync();
            Assert.Equal(demandes.Select(d => d.Numero.Valeur), relues.Select(d => d.Numero.Valeur));
            for (var i = 0; i < demandes.Count; i++)
                Assert.Equal(FormatFichierDemandes.Champs(demandes[i].Numero, demandes[i].DateDepot, demandes[i].Canal, demandes[i].Contenu),
                    FormatFichierDemandes.Champs(relues[i].Numero, relues[i].DateDepot, relues[i].Canal, relues[i].Contenu));
        }
    }
}
