using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Demandes;

/// <summary>Builders of valid demands for the tests: a household in Toulon, registered at a guichet.</summary>
internal static class Fabrique
{
    public static readonly Acteur Agent = new(new AuteurId(Guid.Parse("00000000-0000-0000-0000-0000000000a1")), "Guichet de Toulon");
    public static readonly Acteur AgentHabilite = new(new AuteurId(Guid.Parse("00000000-0000-0000-0000-0000000000a2")), "EPCI Toulon Provence Méditerranée");
    public static readonly FenetreRenouvellement TroisMois = FenetreRenouvellement.Creer(3).Valeur;
    public static readonly DelaisAvis Delais = DelaisAvis.ParDefaut;
    public static readonly MoyenAvertissement Lrar = MoyenAvertissement.LettreRecommandeeAvecAccuseReception;
    public static readonly Logis.Domain.Relances.CanalMessage[] Postal = [Logis.Domain.Relances.CanalMessage.CourrierPostal];
    public static readonly LogementId Logement = new(Guid.Parse("00000000-0000-0000-0000-00000000b001"));
    public static readonly CodeInsee Toulon = CodeInsee.Create("83137");
    public static readonly CodeInsee LaSeyne = CodeInsee.Create("83126");
    /// <summary>The piece a priority situation is validated against (the domain records its id; the use case checks it exists).</summary>
    public static readonly Guid Piece = Guid.Parse("00000000-0000-0000-0000-0000000000f1");

    /// <summary>A COMED decision dated 1 January 2024.</summary>
    public static DecisionDalo Dalo() => DecisionDalo.Creer("COMED-83-2024-0042", new DateOnly(2024, 1, 1), "Commission de médiation du Var", new DateOnly(2024, 1, 1)).Valeur;

    /// <summary>An instant in French winter time, 10:00 by default.</summary>
    public static DateTimeOffset Le(DateOnly jour, int heure = 10) =>
        new(jour.ToDateTime(new TimeOnly(heure, 0)), TimeSpan.FromHours(1));

    public static DateOnly J(int annee, int mois, int jour) => new(annee, mois, jour);

    public static NumeroUnique Numero(int sequence = 1, string territoire = "083", int annee = 2025, int mois = 1, string guichet = "G0001") =>
        NumeroUnique.Creer(territoire, new DateOnly(annee, mois, 1), sequence, guichet).Valeur;

    /// <summary>A valid NIR built from a 13-digit body (INSEE key computed).</summary>
    public static Nir NirDe(string corps)
    {
        var numerique = corps.Replace("2A", "19", StringComparison.Ordinal).Replace("2B", "18", StringComparison.Ordinal);
        return Nir.Creer(corps + Nir.Cle(numerique).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Valeur;
    }

    public static PersonneALoger Personne(
        string nom, string prenoms, DateOnly naissance, LienPersonne lien = LienPersonne.Demandeur, Nir? nir = null, decimal salaire = 1400m) =>
        new(nom, prenoms, naissance, lien, Sexe.Feminin, Nationalite.Francaise, nir, SituationProfessionnelle.Cdi,
            salaire > 0 ? [new Ressource(TypeRessource.Salaire, salaire)] : []);

    public static Souhaits SouhaitsT2(params CodeInsee[] communes) =>
        new([Typologie.T2], communes.Length == 0 ? [Toulon] : communes, false, 600m, null, false, false);

    public static ContenuDemande Contenu(
        IReadOnlyList<PersonneALoger>? personnes = null, Souhaits? souhaits = null,
        StatutLogementActuel statut = StatutLogementActuel.LocataireParcPrive, Coordonnees? contact = null) =>
        ContenuDemande.Creer(
            personnes ?? [Personne("Martin", "Léa", J(1990, 4, 12))],
            contact ?? new Coordonnees(new AdressePostale("12 rue Picot", null, "83000", "Toulon"), "0600000000", null, false),
            SituationFamiliale.Celibataire,
            16800m,
            new LogementActuel(statut, Toulon, 720m, 38m),
            [MotifDemande.LogementTropCher, MotifDemande.LogementTropPetit],
            MotifDemande.LogementTropCher,
            souhaits ?? SouhaitsT2(),
            null).Valeur;

    public static Demande NouvelleDemande(DateOnly depot, ContenuDemande? contenu = null, int sequence = 1, Guid? id = null) =>
        Logis.Domain.Demandes.Demande.Enregistrer(
            new DemandeId(id ?? Guid.NewGuid()), Numero(sequence, annee: depot.Year), contenu ?? Contenu(),
            CanalDepot.Guichet, depot, Le(depot), Agent).Valeur;
}
