using System.Globalization;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Domain.Commun;

namespace Logis.Domain.Demandes.Synthese;

/// <summary>
/// A commune of the territory as the generator needs it; the share of social housing weighs the wishes. The addresses take
/// one of <paramref name="CodesPostaux"/> (La Poste's codes of the commune) when given, else <paramref name="CodePostal"/>.
/// </summary>
public sealed record CommuneDeGeneration(CodeInsee Code, string Nom, string CodePostal, int Population, double PartLogementsSociaux,
    IReadOnlyList<string>? CodesPostaux = null);

/// <summary>
/// What to generate: how many active demands, where (the territory code of their national numbers and the codes of the
/// registering services), at which date, with which calibration.
/// </summary>
public sealed record ParametresGeneration(
    int Graine,
    int NombreDemandes,
    string Territoire,
    DateOnly DateReference,
    IReadOnlyList<CommuneDeGeneration> Communes,
    FenetreRenouvellement Fenetre,
    ProfilDemandes Profil,
    DateTimeOffset? Plafond = null,
    DelaisAvis? Delais = null,
    IReadOnlyList<string>? Bailleurs = null,
    IReadOnlyList<string>? Guichets = null,
    AnneeJouee? Annee = null)
{
    /// <summary>The date up to which the generator itself renews the demands and enters their priority situations: the start of the
    /// played year when there is one (its renewals are then the history's acts), else the reference date.</summary>
    public DateOnly RenouvelerJusquAu => Annee?.Debut ?? DateReference;

    /// <summary>The codes of the territory's counters that register the demands deposited there (by default one, G0001).</summary>
    public IReadOnlyList<string> GuichetsOuDefaut => Guichets is { Count: > 0 } g ? g : ["G0001"];

    /// <summary>The département the territory code stands for when it is the default one (<c>083</c> → <c>83</c>, docs/sne.md §1.2).</summary>
    public string Departement => Territoire.Length == 3 && Territoire[0] == '0' ? Territoire[1..] : Territoire;
}

/// <summary>
/// A year the demo plays after the seeding (docs/demo.md, « Le fichier d'il y a un an »): the generator renews the demands and enters
/// their priority situations only until <paramref name="Debut"/> (the renewals of the year are played at their date by the history,
/// through the renewal use case), and generates <paramref name="Supplement"/> more households, deposited before <paramref name="Debut"/>,
/// standing for those the year will house, so that today's file keeps about <see cref="ParametresGeneration.NombreDemandes"/> active demands.
/// </summary>
public sealed record AnneeJouee(DateOnly Debut, int Supplement);

/// <summary>
/// Synthetic, realistic active demands for demonstrations, load tests and benchmarks. Pure and
/// deterministic: the same parameters give the same demands (System.Random with the seed). Every demand
/// goes through the real acts (registration, declared and validated priority situations, yearly renewals),
/// so it is valid at the reference date and carries a plausible timeline. No NIR is generated. The content is the Cerfa
/// 14069*05 one (docs/contenu-demande.md): co-applicant, dependants, custody, disability card, each adult's revenu fiscal de
/// référence, employer and workplace, housing allowance, landlord, entry date, DALO recourse; incomes are calibrated on the
/// published profile of applicants (README of Demandes, « Démo »).
/// </summary>
public static class GenerateurDemandes
{
    /// <summary>Order of magnitude of active demands: Toulon Provence Méditerranée [M].</summary>
    public const int VolumeTpm = 16_000;

    /// <summary>Order of magnitude of active demands: Aix-Marseille-Provence [M].</summary>
    public const int VolumeAmp = 80_000;

    private static readonly TimeSpan Decalage = TimeSpan.FromHours(1);

    private static readonly SituationFamiliale[] SituationsCouple = [SituationFamiliale.Marie, SituationFamiliale.Pacse, SituationFamiliale.Concubinage];

    private static readonly SituationFamiliale[] SituationsParentIsole = [SituationFamiliale.Celibataire, SituationFamiliale.Separe, SituationFamiliale.Divorce];

    private static readonly SituationFamiliale[] SituationsSeul =
        [SituationFamiliale.Celibataire, SituationFamiliale.Celibataire, SituationFamiliale.Divorce, SituationFamiliale.Veuf];

    // Reasons by current housing, repeated to weigh the most frequent [M, Cerfa 14069 list].
    private static readonly MotifDemande[] MotifsLocataireSocial =
    [
        MotifDemande.LogementTropPetit, MotifDemande.LogementTropPetit, MotifDemande.LogementTropCher, MotifDemande.EnvironnementVoisinage,
        MotifDemande.LogementTropGrand, MotifDemande.RaisonsDeSante, MotifDemande.RapprochementTravail, MotifDemande.DivorceSeparation,
    ];

    private static readonly MotifDemande[] MotifsLocatairePrive =
    [
        MotifDemande.LogementTropCher, MotifDemande.LogementTropCher, MotifDemande.LogementTropPetit, MotifDemande.LogementNonDecent,
        MotifDemande.LogementReprisOuVendu, MotifDemande.ProcedureExpulsion, MotifDemande.DivorceSeparation, MotifDemande.RapprochementTravail,
    ];

    private static readonly MotifDemande[] MotifsHeberge =
        [MotifDemande.SansLogementPropre, MotifDemande.SansLogementPropre, MotifDemande.Decohabitation, MotifDemande.FuturCouple, MotifDemande.DivorceSeparation];

    private static readonly MotifDemande[] MotifsProprietaire = [MotifDemande.AccedantEnDifficulte, MotifDemande.DivorceSeparation, MotifDemande.LogementTropGrand];

    private static readonly MotifDemande[] MotifsHebergementTemporaire = [MotifDemande.LogementTemporaire, MotifDemande.SansLogementPropre];

    private static readonly MotifDemande[] MotifsSansLogement = [MotifDemande.SansLogementPropre, MotifDemande.LogementTemporaire, MotifDemande.Autre];

    /// <summary>Kinds of employers of applicants (no real firm is named); « {0} » is a commune of the territory.</summary>
    private static readonly string[] Employeurs =
    [
        "Mairie de {0}", "Centre hospitalier", "EHPAD", "Association d'aide à domicile", "Entreprise de propreté", "Grande surface alimentaire",
        "Commerce de détail", "Restauration", "Hôtellerie", "Entreprise du bâtiment", "Transports urbains", "Logistique et entrepôts",
        "Construction et réparation navales", "Éducation nationale", "Crèche municipale de {0}", "Sécurité privée", "Centre d'appels",
    ];

    private static readonly string[] Interim = ["Agence d'intérim", "Entreprise de travail temporaire"];

    private static readonly string[] BailleursPrives = ["Particulier", "Particulier", "Particulier", "Agence immobilière", "Administrateur de biens"];

    public static Resultat<IReadOnlyList<Demande>> Generer(ParametresGeneration p)
    {
        if (p.NombreDemandes < 0) return Resultat.Echec<IReadOnlyList<Demande>>("Le nombre de demandes ne peut pas être négatif.");
        if (p.Communes.Count == 0) return Resultat.Echec<IReadOnlyList<Demande>>("Le territoire doit compter au moins une commune.");
        if (p.Profil.Erreur() is { } erreur) return Resultat.Echec<IReadOnlyList<Demande>>(erreur);
        foreach (var code in p.GuichetsOuDefaut)
        {
            if (NumeroUnique.Creer(p.Territoire, p.DateReference, 1, code) is { EstReussi: false } numero)
                return Resultat.Echec<IReadOnlyList<Demande>>(numero.Motif!);
        }

        var tirage = new Tirage(new Random(p.Graine), p);
        var supplement = p.Annee is { Supplement: > 0 } annee ? annee.Supplement : 0;
        var depots = new DateOnly[p.NombreDemandes + supplement];
        for (var i = 0; i < p.NombreDemandes; i++) depots[i] = tirage.DateDepot(p.DateReference);
        // The households the played year houses: deposited before it starts, with the seniority profile of the file at that date.
        for (var i = p.NombreDemandes; i < depots.Length; i++) depots[i] = tirage.DateDepot(p.Annee!.Debut.AddDays(-1));
        Array.Sort(depots);

        // One sequence per month of first deposit, as the national numbering has.
        var sequences = new Dictionary<(int, int), int>();
        var demandes = new List<Demande>(depots.Length);
        foreach (var depot in depots)
        {
            var cle = (depot.Year, depot.Month);
            sequences[cle] = sequences.GetValueOrDefault(cle) + 1;
            demandes.Add(tirage.Demande(depot, sequences[cle]));
        }
        return Resultat.Ok<IReadOnlyList<Demande>>(demandes);
    }

    private enum TypeMenage
    {
        PersonneSeule,
        FamilleMonoparentale,
        CoupleSansEnfant,
        CoupleAvecEnfants,
        Autre,
    }

    /// <summary>All random draws, in a fixed order per demand so that a seed always gives the same demands.</summary>
    private sealed class Tirage(Random r, ParametresGeneration p)
    {
        private readonly ProfilDemandes _profil = p.Profil;
        private readonly Dictionary<string, string> _ascii = new(StringComparer.Ordinal);
        private readonly double[] _poidsResidence = Cumuler(p.Communes.Select(c => c.Population * (0.5 + c.PartLogementsSociaux)));
        private readonly double[] _poidsSouhait = Cumuler(p.Communes.Select(c => c.Population * Math.Max(0.01, c.PartLogementsSociaux)));

        public DateOnly DateDepot(DateOnly reference)
        {
            var moyenneJours = _profil.AncienneteMoyenneMois * 30.44;
            var jours = Math.Min(-Math.Log(1 - r.NextDouble()) * moyenneJours, _profil.AncienneteMaximumMois * 30.44);
            return reference.AddDays(-(int)jours);
        }

        public Demande Demande(DateOnly depot, int sequence)
        {
            var id = new DemandeId(NouveauGuid());
            var type = TypeDeMenage();
            var handicap = r.NextDouble() < _profil.PartHandicap;
            var couple = type is TypeMenage.CoupleSansEnfant or TypeMenage.CoupleAvecEnfants ? Un(SituationsCouple) : (SituationFamiliale?)null;
            var personnes = Personnes(type, depot, handicap, couple);
            var mutation = r.NextDouble() < _profil.PartMutations;
            var residence = p.Communes[Choisir(_poidsResidence)];
            var logement = LogementActuel(mutation, personnes, residence, depot);
            var dalo = r.NextDouble() < _profil.PartDalo;
            var (motifs, principal) = Motifs(logement.Statut, type, handicap);
            var canal = Canal();
            // Online deposits carry the public portal's code; the others one of the territory's counters, in turn.
            var guichets = p.GuichetsOuDefaut;
            var numero = NumeroUnique.Creer(p.Territoire, depot, sequence,
                canal == CanalDepot.EnLigne ? NumeroUnique.GuichetPortailPublic : guichets[sequence % guichets.Count]).Valeur;
            var demandeur = personnes[0];
            var contenu = ContenuDemande.Creer(
                personnes,
                Contact(demandeur, residence, canal),
                couple ?? Un(type == TypeMenage.FamilleMonoparentale ? SituationsParentIsole : SituationsSeul),
                // The household's figure is the sum of each adult's (ContenuDemande.Creer).
                null,
                logement,
                motifs,
                principal,
                Souhaits(personnes, mutation ? residence.Code : null, handicap),
                handicap ? new BesoinsHandicap(r.NextDouble() < 0.25, true, r.NextDouble() < 0.3) : null,
                // A household recognised DALO declared its recourse (date unknown to the guichet).
                dalo ? new RecoursDalo(null) : null).Valeur;

            var guichet = new Acteur(new AuteurId(NouveauGuid()), canal switch
            {
                CanalDepot.EnLigne => "Demande en ligne",
                CanalDepot.Partenaire => "Partenaire associatif",
                _ => $"Guichet de {residence.Nom}",
            });
            var demande = Demandes.Demande.Enregistrer(id, numero, contenu, canal, depot, A(depot), guichet).Valeur;
            Prioriser(demande, depot, logement.Statut, principal, handicap, dalo);
            Renouveler(demande, guichet, canal);
            return demande;
        }

        private void Prioriser(Demande demande, DateOnly depot, StatutLogementActuel statut, MotifDemande principal, bool handicap, bool dalo)
        {
            var agent = new Acteur(new AuteurId(NouveauGuid()), "Service habilité de l'EPCI");
            var criteres = new List<CriterePrioritaire>();
            if (dalo) criteres.Add(CriterePrioritaire.ReconnuDalo);
            if (r.NextDouble() < _profil.PartSituationPrioritaire)
            {
                criteres.Add((statut, principal) switch
                {
                    (_, MotifDemande.ViolencesFamiliales) => CriterePrioritaire.ViolencesConjugalesOuSexuelles,
                    (StatutLogementActuel.SansAbri or StatutLogementActuel.SquatOuCamping, _) => CriterePrioritaire.DepourvuDeLogement,
                    (StatutLogementActuel.StructureHebergement or StatutLogementActuel.LogementTemporaire or StatutLogementActuel.Foyer
                        or StatutLogementActuel.ResidenceSociale, _) => CriterePrioritaire.HebergeOuLogeTemporairement,
                    (StatutLogementActuel.AppartementCoordinationTherapeutique, _) => CriterePrioritaire.SortieAppartementCoordinationTherapeutique,
                    (_, MotifDemande.ProcedureExpulsion) => CriterePrioritaire.MenaceExpulsionSansRelogement,
                    (_, MotifDemande.LogementNonDecent) => CriterePrioritaire.HabitatIndigne,
                    _ when handicap => CriterePrioritaire.Handicap,
                    _ => CriterePrioritaire.MalLogeOuDefavorise,
                });
            }
            // Situations are entered here, as a guichet does; their validation against a piece goes through the use case once the
            // demands are stored (Logis.Application.Demandes.SituationsPrioritairesDemo), never by this generator.
            var dernierJour = depot;
            foreach (var critere in criteres)
            {
                DecisionDalo? decision = null;
                var declaration = dernierJour.AddDays(r.Next(1, 15));
                if (critere == CriterePrioritaire.ReconnuDalo)
                {
                    // A recourse needs a demand: the COMED decides some months after the deposit, the guichet enters it days later.
                    var date = depot.AddDays(r.Next(60, 240));
                    declaration = date.AddDays(r.Next(3, 30));
                    if (declaration <= p.DateReference)
                    {
                        decision = DecisionDalo.Creer($"COMED-{p.Departement}-{date.Year}-{r.Next(1, 2000):0000}", date,
                            $"Commission de médiation du département {p.Departement}", declaration).Valeur;
                    }
                }
                // A demand the played year renews is entered nothing after its start: its timeline goes on in the history, in time order.
                if (declaration > p.DateReference || (depot < p.RenouvelerJusquAu && declaration > p.RenouvelerJusquAu)) break;
                dernierJour = declaration;
                Exiger(demande.DeclarerSituationPrioritaire(critere, decision, A(declaration), agent));
            }
        }

        /// <summary>
        /// Yearly renewals a few days before expiry, each after its renewal notice (R441-2-7), until the demand is valid at
        /// the reference date; the notice of the current period when it is due.
        /// </summary>
        private void Renouveler(Demande demande, Acteur guichet, CanalDepot canal) =>
            CycleSynthetique.Renouveler(demande, p.RenouvelerJusquAu, p.Fenetre, p.Delais ?? DelaisAvis.ParDefaut, guichet,
                canal == CanalDepot.EnLigne ? CanalDepot.EnLigne : CanalDepot.Guichet, () => r.Next(0, 21), A, AvantOuverture);

        /// <summary>The hour of the daily run (6 a.m.) on that day, never after the seeding instant; no random draw.</summary>
        private DateTimeOffset AvantOuverture(DateOnly jour)
        {
            var quand = new DateTimeOffset(jour.ToDateTime(new TimeOnly(6, 0)), Decalage);
            return p.Plafond is { } plafond && quand > plafond ? plafond : quand;
        }

        private TypeMenage TypeDeMenage()
        {
            var u = r.NextDouble();
            if ((u -= _profil.PartPersonnesSeules) < 0) return TypeMenage.PersonneSeule;
            if ((u -= _profil.PartFamillesMonoparentales) < 0) return TypeMenage.FamilleMonoparentale;
            if ((u -= _profil.PartCouplesSansEnfant) < 0) return TypeMenage.CoupleSansEnfant;
            if ((u -= _profil.PartCouplesAvecEnfants) < 0) return TypeMenage.CoupleAvecEnfants;
            return TypeMenage.Autre;
        }

        private List<PersonneALoger> Personnes(TypeMenage type, DateOnly depot, bool handicap, SituationFamiliale? couple)
        {
            var ageDemandeur = type switch
            {
                TypeMenage.PersonneSeule => Age([(18, 24, .14), (25, 34, .22), (35, 49, .22), (50, 64, .24), (65, 90, .18)]),
                TypeMenage.FamilleMonoparentale => Age([(20, 29, .25), (30, 39, .40), (40, 49, .27), (50, 58, .08)]),
                TypeMenage.CoupleSansEnfant => Age([(20, 29, .30), (30, 49, .25), (50, 64, .20), (65, 85, .25)]),
                TypeMenage.CoupleAvecEnfants => Age([(22, 29, .20), (30, 39, .45), (40, 49, .28), (50, 58, .07)]),
                _ => Age([(25, 70, 1.0)]),
            };
            var femme = type == TypeMenage.FamilleMonoparentale ? r.NextDouble() < 0.82 : r.NextDouble() < 0.55;
            var nom = Un(NomsSynthetiques.Noms);
            var nationalite = r.NextDouble() switch { < 0.80 => Nationalite.Francaise, < 0.84 => Nationalite.UnionEuropeenne, _ => Nationalite.HorsUnionEuropeenne };
            var enfants = type is TypeMenage.FamilleMonoparentale or TypeMenage.CoupleAvecEnfants
                ? r.NextDouble() switch { < 0.42 => 1, < 0.74 => 2, < 0.90 => 3, < 0.97 => 4, _ => 5 }
                : 0;
            // A holder of the disability card among the households declaring disability needs (the others need an adaptation only).
            var demandeur = Adulte(nom, femme, ageDemandeur, LienPersonne.Demandeur, nationalite, depot, handicap, enfants > 0 && type == TypeMenage.FamilleMonoparentale);
            var personnes = new List<PersonneALoger> { handicap && r.NextDouble() < 0.6 ? demandeur with { CarteInvalidite = true } : demandeur };
            if (couple is { } situationCouple)
            {
                // Married or PACS partners file one tax return: its revenu fiscal de référence is the applicant's line; partners in
                // concubinage each have their own.
                var conjoint = Adulte(nom, !femme, Math.Clamp(ageDemandeur + r.Next(-6, 7), 18, 95), LienPersonne.Conjoint, nationalite, depot, false, false) with { CoDemandeur = true };
                if (situationCouple is SituationFamiliale.Marie or SituationFamiliale.Pacse)
                {
                    personnes[0] = personnes[0] with { RevenuFiscalReferenceN2 = (personnes[0].RevenuFiscalReferenceN2 ?? 0m) + (conjoint.RevenuFiscalReferenceN2 ?? 0m) };
                    conjoint = conjoint with { RevenuFiscalReferenceN2 = null };
                }
                else
                {
                    conjoint = conjoint with { Nom = Un(NomsSynthetiques.Noms) };
                }
                personnes.Add(conjoint);
            }
            if (type == TypeMenage.Autre)
            {
                var ascendant = r.NextDouble() < 0.5;
                var autre = Adulte(ascendant ? nom : Un(NomsSynthetiques.Noms), r.NextDouble() < 0.6,
                    ascendant ? Math.Min(ageDemandeur + r.Next(20, 31), 98) : Math.Clamp(ageDemandeur + r.Next(-10, 11), 18, 90),
                    ascendant ? LienPersonne.Ascendant : LienPersonne.Autre, nationalite, depot, false, false);
                // An elderly parent is often a dependant, and sometimes holds the disability card; another adult co-signs the lease.
                autre = ascendant
                    ? autre with { ACharge = autre.RessourcesMensuelles < 900m && r.NextDouble() < 0.5, CarteInvalidite = autre.AgeAu(depot) >= 75 && r.NextDouble() < 0.25 }
                    : autre with { CoDemandeur = r.NextDouble() < 0.6 };
                personnes.Add(autre);
            }
            AjouterEnfants(personnes, nom, enfants, ageDemandeur, depot, type == TypeMenage.FamilleMonoparentale);
            if (enfants > 0) personnes[0] = AvecPrestationsFamiliales(personnes[0], enfants, type == TypeMenage.FamilleMonoparentale);
            // A person alone sometimes receives a child under a visiting right or in alternating custody (CCH L442-12).
            if (type == TypeMenage.PersonneSeule && ageDemandeur is >= 25 and <= 55 && r.NextDouble() < 0.06)
            {
                AjouterEnfants(personnes, nom, 1, ageDemandeur, depot, true);
                personnes[^1] = personnes[^1] with { Garde = r.NextDouble() < 0.5 ? GardeEnfant.Alternee : GardeEnfant.DroitDeVisite, ACharge = false };
            }
            return personnes;
        }

        /// <summary>
        /// Siblings as a family has them: the eldest born when the parent was 18 or more, the others one to five years apart,
        /// each with a different first name; every child is a dependant, and a single parent's child is sometimes in alternating custody.
        /// </summary>
        private void AjouterEnfants(List<PersonneALoger> personnes, string nom, int enfants, int ageParent, DateOnly depot, bool parentSepare)
        {
            if (enfants == 0) return;
            var ageMax = Math.Clamp(ageParent - 18, 0, 20);
            var age = r.Next(Math.Min(ageMax, 2 * (enfants - 1)), ageMax + 1);
            var naissancePrecedente = DateOnly.MaxValue;
            var prenoms = new List<string>(enfants);
            for (var e = 0; e < enfants; e++)
            {
                var fille = r.NextDouble() < 0.5;
                var liste = fille ? NomsSynthetiques.PrenomsFeminins : NomsSynthetiques.PrenomsMasculins;
                var prenom = Un(liste);
                for (var essai = 0; prenoms.Contains(prenom) && essai < 5; essai++) prenom = Un(liste);
                prenoms.Add(prenom);
                var naissance = Naissance(age, depot);
                // At least ten months between two births (the next one is younger).
                if (naissance > naissancePrecedente.AddMonths(-10)) naissance = naissancePrecedente.AddMonths(-10);
                if (naissance > depot) naissance = depot;
                naissancePrecedente = naissance < naissancePrecedente ? naissance : naissancePrecedente;
                var garde = parentSepare && r.NextDouble() < 0.12 ? GardeEnfant.Alternee : (GardeEnfant?)null;
                personnes.Add(new PersonneALoger(nom, prenom, naissance, LienPersonne.Enfant, fille ? Sexe.Feminin : Sexe.Masculin,
                    Nationalite.Francaise, null, null, [], ACharge: true, Garde: garde));
                age = Math.Max(0, age - r.Next(1, 6));
            }
        }

        private PersonneALoger Adulte(string nom, bool femme, int age, LienPersonne lien, Nationalite nationalite, DateOnly depot, bool handicap, bool parentIsole)
        {
            var situation = age >= 62
                ? (r.NextDouble() < 0.85 ? SituationProfessionnelle.Retraite : SituationProfessionnelle.SansActivite)
                : r.NextDouble() switch
                {
                    < 0.27 => SituationProfessionnelle.Cdi,
                    < 0.36 => SituationProfessionnelle.Cdd,
                    < 0.40 => SituationProfessionnelle.Interim,
                    < 0.43 => SituationProfessionnelle.Independant,
                    < 0.44 when age < 26 => SituationProfessionnelle.Apprentissage,
                    < 0.48 when age < 28 => SituationProfessionnelle.Etudiant,
                    < 0.66 => SituationProfessionnelle.DemandeurEmploi,
                    < 0.96 => SituationProfessionnelle.SansActivite,
                    _ => SituationProfessionnelle.Autre,
                };
            var ressources = new List<Ressource>();
            switch (situation)
            {
                case SituationProfessionnelle.Cdi: ressources.Add(Montant(TypeRessource.Salaire, 1650, 0.28)); break;
                case SituationProfessionnelle.Cdd: ressources.Add(Montant(TypeRessource.Salaire, 1350, 0.30)); break;
                case SituationProfessionnelle.Interim: ressources.Add(Montant(TypeRessource.Salaire, 1250, 0.35)); break;
                case SituationProfessionnelle.Independant: ressources.Add(Montant(TypeRessource.Salaire, 1300, 0.60)); break;
                case SituationProfessionnelle.Apprentissage: ressources.Add(Montant(TypeRessource.Salaire, 900, 0.20)); break;
                case SituationProfessionnelle.Etudiant when r.NextDouble() < 0.5: ressources.Add(Montant(TypeRessource.Autres, 450, 0.40)); break;
                case SituationProfessionnelle.DemandeurEmploi:
                    ressources.Add(r.NextDouble() < 0.7 ? Montant(TypeRessource.AllocationChomage, 1000, 0.35) : Montant(TypeRessource.Rsa, 610, 0.10));
                    break;
                case SituationProfessionnelle.SansActivite when handicap: ressources.Add(Montant(TypeRessource.Aah, 1030, 0.05)); break;
                case SituationProfessionnelle.SansActivite when r.NextDouble() < 0.65: ressources.Add(Montant(TypeRessource.Rsa, 620, 0.15)); break;
                case SituationProfessionnelle.Retraite: ressources.Add(Montant(TypeRessource.Retraite, 1150, 0.35)); break;
                case SituationProfessionnelle.Autre: ressources.Add(Montant(TypeRessource.Autres, 700, 0.50)); break;
            }
            if (parentIsole && r.NextDouble() < 0.3) ressources.Add(Montant(TypeRessource.PensionAlimentaire, 180, 0.40));
            var prenom = Un(femme ? NomsSynthetiques.PrenomsFeminins : NomsSynthetiques.PrenomsMasculins);
            string? employeur = null;
            CodeInsee? travail = null;
            if (situation is SituationProfessionnelle.Cdi or SituationProfessionnelle.Cdd or SituationProfessionnelle.Interim or SituationProfessionnelle.Apprentissage)
            {
                var lieu = p.Communes[Choisir(_poidsResidence)];
                employeur = string.Format(CultureInfo.InvariantCulture, situation == SituationProfessionnelle.Interim ? Un(Interim) : Un(Employeurs), lieu.Nom);
                travail = lieu.Code;
            }
            return new PersonneALoger(nom, prenom, Naissance(age, depot), lien, femme ? Sexe.Feminin : Sexe.Masculin, nationalite, null, situation, ressources,
                RevenuFiscalReferenceN2: RevenuFiscal(ressources), Employeur: employeur, CommuneTravail: travail);
        }

        /// <summary>Family benefits from the second child (allocations familiales), or the ASF for a single parent [M, orders of magnitude].</summary>
        private PersonneALoger AvecPrestationsFamiliales(PersonneALoger parent, int enfants, bool parentIsole)
        {
            var montant = (enfants >= 2 ? 150m + (190m * (enfants - 2)) : 0m)
                + (parentIsole && parent.Ressources.All(x => x.Type != TypeRessource.PensionAlimentaire) ? 195m * enfants : 0m);
            return montant == 0 ? parent : parent with { Ressources = [.. parent.Ressources, new Ressource(TypeRessource.PrestationsFamiliales, montant)] };
        }

        /// <summary>A person's RFR of N-2: the taxable part of today's resources over a year, with some drift [D]; null without any.</summary>
        private decimal? RevenuFiscal(List<Ressource> ressources)
        {
            var imposable = ressources
                .Where(x => x.Type is TypeRessource.Salaire or TypeRessource.AllocationChomage or TypeRessource.Retraite or TypeRessource.PensionAlimentaire)
                .Sum(x => x.MontantMensuel);
            return imposable == 0 ? 0m : Math.Round(imposable * 12m * 0.9m * (decimal)(0.8 + (0.4 * r.NextDouble())), 0);
        }

        private LogementActuel LogementActuel(bool mutation, List<PersonneALoger> personnes, CommuneDeGeneration commune, DateOnly depot)
        {
            var taille = personnes.Count;
            var ressources = personnes.Sum(x => x.RessourcesMensuelles);
            var surface = Math.Round((decimal)(22 + (14 * taille) + (r.NextDouble() * 15)), 0);
            // Entered one to twelve years before the deposit.
            var entree = depot.AddMonths(-r.Next(12, 145));
            if (mutation)
            {
                var loyerSocial = Math.Round(surface * (decimal)(5.5 + (2 * r.NextDouble())), 0);
                var bailleur = p.Bailleurs is { Count: > 0 } bailleurs ? bailleurs[r.Next(bailleurs.Count)] : "Office public de l'habitat";
                return new LogementActuel(StatutLogementActuel.LocataireParcSocial, commune.Code, loyerSocial, surface, AideLogement(loyerSocial, ressources, taille), bailleur, entree);
            }
            var statut = r.NextDouble() switch
            {
                < 0.50 => StatutLogementActuel.LocataireParcPrive,
                < 0.74 => StatutLogementActuel.HebergeParentsOuEnfants,
                < 0.82 => StatutLogementActuel.HebergeParticulier,
                < 0.85 => StatutLogementActuel.StructureHebergement,
                < 0.86 => StatutLogementActuel.Foyer,
                < 0.87 => StatutLogementActuel.ResidenceSociale,
                < 0.89 => StatutLogementActuel.LogementTemporaire,
                < 0.91 => StatutLogementActuel.Proprietaire,
                < 0.93 => StatutLogementActuel.ResidenceEtudiante,
                < 0.94 => StatutLogementActuel.Hotel,
                < 0.95 => StatutLogementActuel.LogementDeFonction,
                < 0.97 => StatutLogementActuel.SansAbri,
                < 0.98 => StatutLogementActuel.SquatOuCamping,
                < 0.985 => StatutLogementActuel.AppartementCoordinationTherapeutique,
                _ => StatutLogementActuel.Autre,
            };
            switch (statut)
            {
                case StatutLogementActuel.LocataireParcPrive:
                    var loyer = Math.Round(surface * (decimal)(11 + (4 * r.NextDouble())), 0);
                    return new LogementActuel(statut, commune.Code, loyer, surface, AideLogement(loyer, ressources, taille), Un(BailleursPrives), entree);
                case StatutLogementActuel.Proprietaire:
                    return new LogementActuel(statut, commune.Code, null, surface, DateEntree: entree);
                case StatutLogementActuel.SansAbri:
                    return new LogementActuel(statut, null, null, null);
                case StatutLogementActuel.Foyer or StatutLogementActuel.ResidenceSociale:
                    // A redevance, partly covered by the APL-foyer; entered a few months before.
                    var redevance = Math.Round((decimal)(380 + (120 * r.NextDouble())), 0);
                    return new LogementActuel(statut, commune.Code, redevance, null, AideLogement(redevance, ressources, taille), null, depot.AddMonths(-r.Next(2, 30)));
                default:
                    return new LogementActuel(statut, commune.Code, null, null);
            }
        }

        /// <summary>
        /// Housing allowance of a tenant, an order of magnitude [D] of the APL/AL scale: about three quarters of the rent for the
        /// lowest resources, nothing above roughly 1.2 SMIC for a single person (more for a family); not paid under 10 € (CCH R823-…[M]).
        /// </summary>
        private static decimal? AideLogement(decimal loyer, decimal ressources, int taille)
        {
            var aide = Math.Round((0.75m * loyer) - (0.30m * ressources) + (45m * (taille - 1)), 0);
            aide = Math.Min(aide, Math.Round(0.8m * loyer, 0));
            return aide < 10m ? null : aide;
        }

        private (List<MotifDemande>, MotifDemande) Motifs(StatutLogementActuel statut, TypeMenage type, bool handicap)
        {
            var candidats = statut switch
            {
                StatutLogementActuel.LocataireParcSocial => MotifsLocataireSocial,
                StatutLogementActuel.LocataireParcPrive => MotifsLocatairePrive,
                StatutLogementActuel.HebergeParentsOuEnfants or StatutLogementActuel.HebergeParticulier => MotifsHeberge,
                StatutLogementActuel.Proprietaire => MotifsProprietaire,
                StatutLogementActuel.StructureHebergement or StatutLogementActuel.LogementTemporaire or StatutLogementActuel.Hotel => MotifsHebergementTemporaire,
                _ => MotifsSansLogement,
            };
            var principal = handicap && r.NextDouble() < 0.4 ? MotifDemande.Handicap
                : type == TypeMenage.FamilleMonoparentale && r.NextDouble() < 0.04 ? MotifDemande.ViolencesFamiliales
                : Un(candidats);
            var motifs = new List<MotifDemande> { principal };
            var autres = r.Next(0, 3);
            for (var k = 0; k < autres; k++)
            {
                var m = Un(candidats);
                if (!motifs.Contains(m)) motifs.Add(m);
            }
            return (motifs, principal);
        }

        private Souhaits Souhaits(List<PersonneALoger> personnes, CodeInsee? communeActuelle, bool handicap)
        {
            Typologie[] typologies = personnes.Count switch
            {
                1 => r.NextDouble() switch { < 0.2 => [Typologie.T1], < 0.6 => [Typologie.T2], _ => [Typologie.T1, Typologie.T2] },
                2 => r.NextDouble() < 0.5 ? [Typologie.T2] : [Typologie.T2, Typologie.T3],
                3 => r.NextDouble() switch { < 0.5 => [Typologie.T3], < 0.8 => [Typologie.T2, Typologie.T3], _ => [Typologie.T3, Typologie.T4] },
                4 => r.NextDouble() < 0.5 ? [Typologie.T3, Typologie.T4] : [Typologie.T4],
                5 => r.NextDouble() < 0.5 ? [Typologie.T4, Typologie.T5] : [Typologie.T4],
                _ => r.NextDouble() < 0.5 ? [Typologie.T5, Typologie.T6] : [Typologie.T5],
            };
            var toutEpci = r.NextDouble() < _profil.PartToutEpci;
            var communes = new List<CodeInsee>();
            if (!toutEpci)
            {
                if (communeActuelle is { } actuelle && r.NextDouble() < 0.6) communes.Add(actuelle);
                var nombre = Math.Min(r.Next(1, 5), p.Communes.Count);
                for (var essai = 0; communes.Count < nombre && essai < 10; essai++)
                {
                    var c = p.Communes[Choisir(_poidsSouhait)].Code;
                    if (!communes.Contains(c)) communes.Add(c);
                }
            }
            var ressources = personnes.Sum(x => x.RessourcesMensuelles);
            var loyerMaximum = r.NextDouble() < 0.5 ? Math.Max(250m, Math.Round(ressources * 0.3m / 10m, 0) * 10m) : (decimal?)null;
            var age = personnes[0].AgeAu(p.DateReference);
            var ascenseur = handicap || (age >= 70 && r.NextDouble() < 0.6);
            return new Souhaits(typologies, communes, toutEpci, loyerMaximum, ascenseur ? null : r.NextDouble() < 0.2 ? 3 : null, ascenseur, handicap && r.NextDouble() < 0.4);
        }

        private Coordonnees Contact(PersonneALoger demandeur, CommuneDeGeneration commune, CanalDepot canal)
        {
            var codePostal = commune.CodesPostaux is { Count: > 0 } codes ? codes[r.Next(codes.Count)] : commune.CodePostal;
            var adresse = new AdressePostale(
                $"{r.Next(1, 180)} {Un(NomsSynthetiques.Voies)}", null, codePostal, commune.Nom);
            // 06 39 98 xx xx: range reserved by ARCEP for fiction, so no real person is ever called.
            var telephone = string.Create(CultureInfo.InvariantCulture, $"063998{r.Next(0, 10_000):0000}");
            var courriel = canal == CanalDepot.EnLigne || r.NextDouble() < 0.5
                ? $"{Ascii(demandeur.Prenoms)}.{Ascii(demandeur.Nom)}{r.Next(1, 1000)}@example.org"
                : null;
            return new Coordonnees(adresse, telephone, courriel, courriel is not null && r.NextDouble() < 0.8);
        }

        /// <summary>Lower-case ASCII form of a name for e-mail addresses, computed once per name of the lists.</summary>
        private string Ascii(string nom)
        {
            if (!_ascii.TryGetValue(nom, out var ascii)) _ascii[nom] = ascii = Doublons.NormaliserNom(nom).ToLowerInvariant();
            return ascii;
        }

        private CanalDepot Canal()
        {
            var u = r.NextDouble();
            return u < _profil.PartEnLigne ? CanalDepot.EnLigne
                : u < _profil.PartEnLigne + _profil.PartPartenaire ? CanalDepot.Partenaire
                : CanalDepot.Guichet;
        }

        private int Age((int Min, int Max, double Part)[] tranches)
        {
            var u = r.NextDouble();
            foreach (var (min, max, part) in tranches)
            {
                if ((u -= part) < 0) return r.Next(min, max + 1);
            }
            return r.Next(tranches[^1].Min, tranches[^1].Max + 1);
        }

        private DateOnly Naissance(int age, DateOnly depot) => depot.AddYears(-age).AddDays(-r.Next(0, 365));

        /// <summary>A monthly amount drawn from a log-normal law of given median and dispersion, in whole euros.</summary>
        private Ressource Montant(TypeRessource type, double mediane, double sigma)
        {
            var normale = Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
            return new Ressource(type, Math.Round((decimal)(mediane * Math.Exp(sigma * normale)), 0));
        }

        private T Un<T>(T[] valeurs) => valeurs[r.Next(valeurs.Length)];

        private int Choisir(double[] cumul)
        {
            var i = Array.BinarySearch(cumul, r.NextDouble() * cumul[^1]);
            return Math.Min(i < 0 ? ~i : i, cumul.Length - 1);
        }

        /// <summary>An office hour of that day, never after <see cref="ParametresGeneration.Plafond"/> (a demo seeded at 8 a.m. holds no act of 10 a.m.).</summary>
        private DateTimeOffset A(DateOnly jour)
        {
            var quand = new DateTimeOffset(jour.ToDateTime(new TimeOnly(9, 0).AddMinutes(r.Next(0, 480))), Decalage);
            return p.Plafond is { } plafond && quand > plafond ? plafond : quand;
        }

        private Guid NouveauGuid()
        {
            Span<byte> octets = stackalloc byte[16];
            r.NextBytes(octets);
            return new Guid(octets);
        }

        /// <summary>Every generated act is legal by construction; a refusal here is a bug of the generator.</summary>
        private static void Exiger(Resultat resultat)
        {
            if (!resultat.EstReussi) throw new InvalidOperationException($"Acte généré refusé : {resultat.Motif}");
        }

        private static double[] Cumuler(IEnumerable<double> poids)
        {
            var cumul = poids.ToArray();
            for (var i = 1; i < cumul.Length; i++) cumul[i] += cumul[i - 1];
            return cumul;
        }
    }
}
