using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Acces;

/// <summary>The competence table (CCH R441-2-8 and the team's stated choices), tested role by role and reason by reason.</summary>
public class CompetencesTests
{
    private static readonly Siren Tpm = Siren.Create("248300543");
    private static readonly BailleurId B1 = new(Guid.Parse("00000000-0000-0000-0000-0000000000b1"));
    private static readonly BailleurId B2 = new(Guid.Parse("00000000-0000-0000-0000-0000000000b2"));
    private static readonly ReservataireId R1 = new(Guid.Parse("00000000-0000-0000-0000-0000000000a1"));
    private static readonly CodeInsee Toulon = CodeInsee.Create("83137");
    private static readonly CodeInsee Hyeres = CodeInsee.Create("83069");

    /// <summary>The agents of the table: each role, and a second bailleur and commune to tell « this one » from « another ».</summary>
    private static readonly Dictionary<string, (Role Role, Perimetre Perimetre)> Agents = new()
    {
        ["epci"] = (Role.AgentEpci, new Perimetre(Tpm)),
        ["bailleur1"] = (Role.AgentBailleur, new Perimetre(Tpm, B1)),
        ["bailleur2"] = (Role.AgentBailleur, new Perimetre(Tpm, B2)),
        ["reservataire"] = (Role.AgentReservataire, new Perimetre(Tpm, ReservataireId: R1)),
        ["communeToulon"] = (Role.AgentCommune, new Perimetre(Tpm, CommuneInsee: Toulon)),
        ["communeHyeres"] = (Role.AgentCommune, new Perimetre(Tpm, CommuneInsee: Hyeres)),
        ["admin"] = (Role.Administrateur, new Perimetre(Tpm)),
    };

    private static readonly Dictionary<string, FaitsCompetence> Faits = new()
    {
        ["aucun"] = FaitsCompetence.Aucun,
        ["enregistreur"] = new(ServiceEnregistreur: true),
        ["bail B1"] = new(BailleurAttributaire: B1),
        ["avert. Toulon"] = new(ExpediteurAvertissement: Service.De(Role.AgentCommune, new Perimetre(Tpm, CommuneInsee: Toulon))),
        ["avert. gestionnaire"] = new(ExpediteurAvertissement: Service.De(Role.AgentEpci, new Perimetre(Tpm))),
        ["avert. B1"] = new(ExpediteurAvertissement: Service.De(Role.AgentBailleur, new Perimetre(Tpm, B1))),
        ["caleol B1"] = new(BailleurCaleolIrrecevabilite: B1),
    };

    // Columns: epci, bailleur1, bailleur2, reservataire, communeToulon, communeHyeres, admin ("x" may act, "." may not).
    public static TheoryData<string, string, string> Table => new()
    {
        // The acts of any registering service: the organisation must be one (an active guichet enregistreur, R441-2-1, R441-2-6).
        { "Enregistrer", "enregistreur", "xxxxxx." },
        { "Enregistrer", "aucun", "......." },
        { "MettreAJour", "enregistreur", "xxxxxx." },
        { "MettreAJour", "aucun", "......." },
        { "Renouveler", "enregistreur", "xxxxxx." },
        { "Renouveler", "aucun", "......." },
        { "DeposerPiece", "enregistreur", "xxxxxx." },
        { "DeposerPiece", "aucun", "......." },
        // a) the attributing bailleur, at lease signature.
        { "RadierAttribution", "bail B1", ".x....." },
        { "RadierAttribution", "aucun", "......." },
        // b) the service that receives the written renunciation: any service enregistreur.
        { "RadierRenonciation", "enregistreur", "xxxxxx." },
        { "RadierRenonciation", "aucun", "......." },
        // c) the service that sent the unanswered letter and the warning.
        { "RadierAbsenceDeReponse", "avert. Toulon", "....x.." },
        { "RadierAbsenceDeReponse", "avert. gestionnaire", "x......" },
        { "RadierAbsenceDeReponse", "avert. B1", ".x....." },
        { "RadierAbsenceDeReponse", "aucun", "......." },
        // The warning before c) and the notices: any registering service.
        { "AvertirAbsenceDeReponse", "enregistreur", "xxxxxx." },
        { "AvertirAbsenceDeReponse", "aucun", "......." },
        { "NoterAvis", "enregistreur", "xxxxxx." },
        { "NoterAvis", "aucun", "......." },
        // d) the bailleur whose CALEOL declared the demand inadmissible.
        { "RadierIrrecevabilite", "caleol B1", ".x....." },
        { "RadierIrrecevabilite", "aucun", "......." },
        // e) the manager of the system (the EPCI that runs the shared file).
        { "RadierNonRenouvellement", "aucun", "x......" },
        { "RadierNonRenouvellement", "caleol B1", "x......" },
        // f) merging numbers into the national one: no agent of Logis.
        { "FusionnerNumeros", "aucun", "......." },
        // Merge of duplicates: the manager of the file (team choice).
        { "ConfirmerFusion", "aucun", "x......" },
    };

    [Theory, MemberData(nameof(Table))]
    public void Chaque_acte_revient_a_l_acteur_designe(string acte, string faits, string attendus)
    {
        var a = Enum.Parse<ActeDemande>(acte);
        var noms = new[] { "epci", "bailleur1", "bailleur2", "reservataire", "communeToulon", "communeHyeres", "admin" };
        for (var i = 0; i < noms.Length; i++)
        {
            var (role, perimetre) = Agents[noms[i]];
            var r = Competences.Verifier(a, role, perimetre, Faits[faits]);
            Assert.True(r.EstReussi == (attendus[i] == 'x'), $"{acte} / {faits} / {noms[i]} : attendu {(attendus[i] == 'x' ? "autorisé" : "refusé")}, obtenu {r}");
            if (!r.EstReussi)
            {
                Assert.Equal(NatureEchec.Interdit, r.Probleme!.Nature);
                // The reason names who may act and the text.
                Assert.Contains(Competences.De(a).Qui, r.Motif!, StringComparison.Ordinal);
                Assert.Contains(Competences.De(a).Reference, r.Motif!, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Chaque_acte_a_sa_ligne_et_chaque_motif_de_radiation_son_acte()
    {
        Assert.Equal(Enum.GetValues<ActeDemande>().Order(), Competences.Table.Select(c => c.Acte).Order());
        Assert.All(Enum.GetValues<MotifRadiation>().Where(m => m != MotifRadiation.Fusion),
            m => Assert.Contains(m.Reference(), Competences.De(Competences.Radiation(m)).Reference, StringComparison.Ordinal));
        // A radiation for merger in Logis comes from a merge of duplicates, a team choice (not R441-2-8 f).
        Assert.Equal(ActeDemande.ConfirmerFusion, Competences.Radiation(MotifRadiation.Fusion));
        Assert.Contains("choix de l'équipe", MotifRadiation.Fusion.Reference(), StringComparison.Ordinal);
        Assert.All(Competences.Table, c => Assert.False(string.IsNullOrWhiteSpace(c.Qui)));
    }

    [Fact]
    public void Le_refus_nomme_qui_peut_agir()
    {
        var r = Competences.Verifier(ActeDemande.RadierNonRenouvellement, Role.AgentCommune, new Perimetre(Tpm, CommuneInsee: Toulon), FaitsCompetence.Aucun);
        Assert.Equal("Qui peut agir pour « Radier pour non-renouvellement (e) » : le gestionnaire du système d'enregistrement : l'intercommunalité qui tient "
            + "le fichier partagé (ses agents et le traitement quotidien) (CCH R441-2-8 e) [V] ; l'intercommunalité gestionnaire du fichier : choix de "
            + "l'équipe (convention de R441-2-5)).", r.Motif);
        var admin = Competences.Verifier(ActeDemande.RadierRenonciation, Role.Administrateur, new Perimetre(Tpm), FaitsCompetence.Aucun);
        Assert.StartsWith("Un administrateur consulte les demandes sans agir sur elles.", admin.Motif, StringComparison.Ordinal);
        var autreBailleur = Competences.Verifier(ActeDemande.RadierIrrecevabilite, Role.AgentBailleur, new Perimetre(Tpm, B1), FaitsCompetence.Aucun);
        Assert.StartsWith("Aucune CALEOL n'a prononcé l'irrecevabilité de cette demande.", autreBailleur.Motif, StringComparison.Ordinal);
    }
}
