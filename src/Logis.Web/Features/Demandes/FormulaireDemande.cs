using System.Globalization;
using System.Text.RegularExpressions;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Application.Demandes;

namespace Logis.Web.Features.Demandes;

/// <summary>One person as typed in the multi-step form. Step 1: identity; step 2: situation and resources.</summary>
public sealed class PersonneFormulaire
{
    public string? Nom { get; set; }
    public string? Prenoms { get; set; }
    public string? DateNaissance { get; set; }
    public string? Lien { get; set; }
    public string? Sexe { get; set; }
    public string? Nationalite { get; set; }

    /// <summary>The full NIR lives only in the protected draft: it is never written back into an input.</summary>
    public string? Nir { get; set; }

    public string? SituationProfessionnelle { get; set; }
    public Dictionary<string, string?> Ressources { get; set; } = [];

    // Cerfa 14069*05, step 1: role in the household; the disability card is restricted data, as the disability needs.
    public bool CoDemandeur { get; set; }
    public bool ACharge { get; set; }
    public string? Garde { get; set; }
    public bool CarteInvalidite { get; set; }

    // Step 2: own revenu fiscal de référence, employer and workplace.
    public string? RevenuFiscal { get; set; }
    public string? Employeur { get; set; }
    public string? CommuneTravail { get; set; }

    public bool EstVide => string.IsNullOrWhiteSpace(Nom) && string.IsNullOrWhiteSpace(Prenoms)
        && string.IsNullOrWhiteSpace(DateNaissance) && string.IsNullOrWhiteSpace(Lien) && string.IsNullOrWhiteSpace(Nir);
}

/// <summary>
/// The registration and update form of a demand, as text (what the agent typed), carried from step to step
/// in a protected hidden field. It is read into a <see cref="DemandeSaisie"/>, so the pages and the API share
/// one validation (<see cref="DemandeSaisie.Lire"/>) and one use case (<see cref="DemandesService"/>).
/// </summary>
public sealed class FormulaireDemande
{
    public const int EtapeVerification = 5;
    public const int PersonnesMaximum = Logis.Domain.Demandes.BornesSaisie.PersonnesMaximum;

    public static readonly IReadOnlyList<string> TitresEtapes =
    [
        "Demandeur et personnes à loger",
        "Situation et ressources",
        "Logement actuel et motifs",
        "Souhaits",
        "Vérifiez vos réponses",
    ];

    // Step 1
    public List<PersonneFormulaire> Personnes { get; set; } = [];
    public string? AdresseLigne1 { get; set; }
    public string? AdresseLigne2 { get; set; }
    public string? CodePostal { get; set; }
    public string? Commune { get; set; }
    public string? Telephone { get; set; }
    public string? Courriel { get; set; }
    public bool AccepteCourriel { get; set; }
    public string? DateDepot { get; set; }
    public string? MotifDateDepot { get; set; }

    // Step 2
    public string? SituationFamiliale { get; set; }
    public string? RevenuFiscal { get; set; }

    // Step 3
    public string? StatutLogement { get; set; }
    public string? CommuneActuelle { get; set; }
    public string? LoyerActuel { get; set; }
    public string? SurfaceActuelle { get; set; }
    public string? AideLogement { get; set; }
    public string? Bailleur { get; set; }
    public string? DateEntree { get; set; }
    public bool RecoursDalo { get; set; }
    public string? DateRecoursDalo { get; set; }
    public List<string> Motifs { get; set; } = [];
    public string? MotifPrincipal { get; set; }

    // Step 4
    public List<string> Typologies { get; set; } = [];
    public List<string> CommunesSouhaitees { get; set; } = [];
    public bool ToutEpci { get; set; }
    public string? LoyerMaximum { get; set; }
    public string? EtageMaximum { get; set; }
    public bool Ascenseur { get; set; }
    public bool AccessiblePmr { get; set; }
    public bool FauteuilRoulant { get; set; }
    public bool MobiliteReduite { get; set; }
    public bool AutreAdaptation { get; set; }

    public static FormulaireDemande Vide() => new() { Personnes = [new PersonneFormulaire { Lien = nameof(LienPersonne.Demandeur) }, new PersonneFormulaire()] };

    /// <summary>
    /// Takes from <paramref name="poste"/> the fields of one step, keeping the others. A whole step is posted
    /// each time, so an unticked box really means "no". Restricted fields (NIR, disability) are kept from the
    /// draft when <paramref name="restreintes"/> hides them from the agent.
    /// </summary>
    public void Reprendre(int etape, FormulaireDemande poste, bool restreintes)
    {
        switch (etape)
        {
            case 1:
                var personnes = new List<PersonneFormulaire>();
                for (var i = 0; i < Math.Min(poste.Personnes.Count, PersonnesMaximum); i++)
                {
                    var p = poste.Personnes[i];
                    var ancienne = i < Personnes.Count ? Personnes[i] : new PersonneFormulaire();
                    personnes.Add(new PersonneFormulaire
                    {
                        Nom = p.Nom, Prenoms = p.Prenoms, DateNaissance = DateIso(p.DateNaissance),
                        Lien = i == 0 ? nameof(LienPersonne.Demandeur) : p.Lien, Sexe = p.Sexe, Nationalite = p.Nationalite,
                        // An empty NIR input keeps the NIR already entered (it is never shown back).
                        Nir = restreintes || string.IsNullOrWhiteSpace(p.Nir) ? ancienne.Nir : p.Nir.Trim(),
                        SituationProfessionnelle = ancienne.SituationProfessionnelle, Ressources = ancienne.Ressources,
                        CoDemandeur = i > 0 && p.CoDemandeur, ACharge = i > 0 && p.ACharge, Garde = i == 0 ? null : p.Garde,
                        CarteInvalidite = restreintes ? ancienne.CarteInvalidite : p.CarteInvalidite,
                        RevenuFiscal = ancienne.RevenuFiscal, Employeur = ancienne.Employeur, CommuneTravail = ancienne.CommuneTravail,
                    });
                }
                if (personnes.Count == 0) personnes.Add(new PersonneFormulaire { Lien = nameof(LienPersonne.Demandeur) });
                Personnes = personnes;
                (AdresseLigne1, AdresseLigne2, CodePostal, Commune) = (poste.AdresseLigne1, poste.AdresseLigne2, poste.CodePostal, poste.Commune);
                (Telephone, Courriel, AccepteCourriel, DateDepot) = (poste.Telephone, poste.Courriel, poste.AccepteCourriel, DateIso(poste.DateDepot));
                MotifDateDepot = poste.MotifDateDepot;
                break;
            case 2:
                for (var i = 0; i < Personnes.Count; i++)
                {
                    var p = i < poste.Personnes.Count ? poste.Personnes[i] : new PersonneFormulaire();
                    Personnes[i].SituationProfessionnelle = p.SituationProfessionnelle;
                    Personnes[i].Ressources = p.Ressources.Where(r => Enum.TryParse<TypeRessource>(r.Key, out _))
                        .ToDictionary(r => r.Key, r => r.Value);
                    (Personnes[i].RevenuFiscal, Personnes[i].Employeur, Personnes[i].CommuneTravail) = (p.RevenuFiscal, p.Employeur, p.CommuneTravail);
                }
                (SituationFamiliale, RevenuFiscal) = (poste.SituationFamiliale, poste.RevenuFiscal);
                break;
            case 3:
                (StatutLogement, CommuneActuelle, LoyerActuel, SurfaceActuelle) = (poste.StatutLogement, poste.CommuneActuelle, poste.LoyerActuel, poste.SurfaceActuelle);
                (AideLogement, Bailleur, DateEntree) = (poste.AideLogement, poste.Bailleur, DateIso(poste.DateEntree));
                (RecoursDalo, DateRecoursDalo) = (poste.RecoursDalo, DateIso(poste.DateRecoursDalo));
                var motifs = poste.Motifs.Distinct().ToList();
                var principal = poste.MotifPrincipal;
                if (restreintes)
                {
                    // The restricted reasons are not shown to this agent: those already entered are kept, the main one too.
                    motifs.AddRange(Motifs.Where(m => LibellesDemande.MotifRestreint(m) && !motifs.Contains(m)));
                    if (LibellesDemande.MotifRestreint(MotifPrincipal)) principal = MotifPrincipal;
                }
                (Motifs, MotifPrincipal) = (motifs, principal);
                break;
            case 4:
                (Typologies, CommunesSouhaitees, ToutEpci) = ([.. poste.Typologies.Distinct()], [.. poste.CommunesSouhaitees.Distinct()], poste.ToutEpci);
                (LoyerMaximum, EtageMaximum, Ascenseur, AccessiblePmr) = (poste.LoyerMaximum, poste.EtageMaximum, poste.Ascenseur, poste.AccessiblePmr);
                if (!restreintes) (FauteuilRoulant, MobiliteReduite, AutreAdaptation) = (poste.FauteuilRoulant, poste.MobiliteReduite, poste.AutreAdaptation);
                break;
        }
    }

    /// <summary>
    /// Reads the form into the API input. Empty extra person rows are skipped; the returned errors are keyed
    /// like the API's (camelCase path) but with the person index of the form row.
    /// </summary>
    public (DemandeSaisie Saisie, Dictionary<string, string[]> Erreurs, IReadOnlyList<int> Lignes) VersSaisie()
    {
        var erreurs = new Dictionary<string, string[]>();
        var lignes = new List<int>();
        var personnes = new List<PersonneSaisie>();
        for (var i = 0; i < Personnes.Count; i++)
        {
            var p = Personnes[i];
            if (i > 0 && p.EstVide) continue;
            lignes.Add(i);
            var ressources = p.Ressources.Where(r => !string.IsNullOrWhiteSpace(r.Value)).OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new RessourceSaisie(r.Key, TexteSaisi.Nombre(r.Value, $"personnes[{i}].ressources", erreurs)))
                .Where(r => r.MontantMensuel is not null).ToList();
            personnes.Add(new PersonneSaisie(p.Nom, p.Prenoms, p.DateNaissance, i == 0 ? nameof(LienPersonne.Demandeur) : p.Lien,
                Vide(p.Sexe), Vide(p.Nationalite), Vide(p.Nir), Vide(p.SituationProfessionnelle), ressources,
                i > 0 && p.CoDemandeur, i > 0 && p.ACharge, i == 0 ? null : Vide(p.Garde), p.CarteInvalidite,
                TexteSaisi.Nombre(p.RevenuFiscal, DemandeSaisie.ChampPersonne(i, "revenuFiscalReferenceN2"), erreurs), Vide(p.Employeur), Vide(p.CommuneTravail)));
        }
        var rfr = TexteSaisi.Nombre(RevenuFiscal, "revenuFiscalReferenceN2", erreurs);
        var loyer = TexteSaisi.Nombre(LoyerActuel, "logementActuel.loyerMensuel", erreurs);
        var surface = TexteSaisi.Nombre(SurfaceActuelle, "logementActuel.surface", erreurs);
        var aide = TexteSaisi.Nombre(AideLogement, "logementActuel.aideLogementMensuelle", erreurs);
        var loyerMax = TexteSaisi.Nombre(LoyerMaximum, "souhaits.loyerMaximum", erreurs);
        var etage = TexteSaisi.Entier(EtageMaximum, "souhaits.etageMaximum", erreurs);

        var saisie = new DemandeSaisie(
            personnes,
            new AdresseSaisie(AdresseLigne1, Vide(AdresseLigne2), CodePostal, Commune),
            Vide(Telephone), Vide(Courriel), AccepteCourriel, Vide(SituationFamiliale), rfr,
            new LogementActuelSaisie(Vide(StatutLogement), Vide(CommuneActuelle), loyer, surface, aide, Vide(Bailleur), Vide(DateEntree)),
            [.. Motifs.Where(m => !string.IsNullOrWhiteSpace(m))], Vide(MotifPrincipal),
            new SouhaitsSaisie(Typologies, CommunesSouhaitees, ToutEpci, loyerMax, etage, Ascenseur, AccessiblePmr),
            new HandicapSaisie(FauteuilRoulant, MobiliteReduite, AutreAdaptation),
            nameof(CanalDepot.Guichet), DateDepot, RecoursDalo, Vide(DateRecoursDalo), Vide(MotifDateDepot));
        return (saisie, erreurs, lignes);
    }

    /// <summary>Validates the whole form with the API's rules; the keys name form rows.</summary>
    public Dictionary<string, string[]> Valider()
    {
        var (saisie, erreurs, lignes) = VersSaisie();
        var (_, erreursSaisie) = saisie.Lire();
        saisie.LireDepot(erreursSaisie);
        foreach (var (cle, messages) in erreursSaisie) erreurs.TryAdd(VersLigne(cle, lignes), messages);
        return erreurs;
    }

    /// <summary>Rewrites <c>personnes[k]</c> (index among the persons read) into the form row index.</summary>
    public static string VersLigne(string cle, IReadOnlyList<int> lignes) =>
        Regex.Replace(cle, @"^personnes\[(\d+)\]", m =>
            int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var k) && k < lignes.Count ? $"personnes[{lignes[k]}]" : m.Value);

    /// <summary>The step where an error key's field is typed.</summary>
    public static int EtapeDe(string cle)
    {
        if (cle.StartsWith("personnes[", StringComparison.Ordinal) && (cle.EndsWith(".situationProfessionnelle", StringComparison.Ordinal) || cle.EndsWith(".ressources", StringComparison.Ordinal)
            || cle.EndsWith(".revenuFiscalReferenceN2", StringComparison.Ordinal) || cle.EndsWith(".employeur", StringComparison.Ordinal) || cle.EndsWith(".communeTravail", StringComparison.Ordinal))) return 2;
        if (cle.StartsWith("personnes", StringComparison.Ordinal) || cle.StartsWith("adresse", StringComparison.Ordinal) || cle is "courriel" or "telephone" or "dateDepot" or "motifDateDepot") return 1;
        if (cle is "situationFamiliale" or "revenuFiscalReferenceN2") return 2;
        if (cle.StartsWith("logementActuel", StringComparison.Ordinal) || cle.StartsWith("motif", StringComparison.Ordinal) || cle is "recoursDalo" or "dateRecoursDalo") return 3;
        if (cle.StartsWith("souhaits", StringComparison.Ordinal) || cle.StartsWith("handicap", StringComparison.Ordinal)) return 4;
        return EtapeVerification;
    }

    /// <summary>The form prefilled from a registered demand (update).</summary>
    public static FormulaireDemande Depuis(ContenuDemande c)
    {
        static string M(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        var a = c.Contact.Adresse;
        var s = c.Souhaits;
        var h = c.Handicap;
        return new FormulaireDemande
        {
            Personnes = [.. c.Personnes.OrderBy(p => p.Lien == LienPersonne.Demandeur ? 0 : 1).Select(p => new PersonneFormulaire
            {
                Nom = p.Nom, Prenoms = p.Prenoms, DateNaissance = p.DateNaissance.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Lien = p.Lien.ToString(), Sexe = p.Sexe?.ToString(), Nationalite = p.Nationalite?.ToString(), Nir = p.Nir?.ValeurComplete,
                SituationProfessionnelle = p.SituationProfessionnelle?.ToString(),
                Ressources = p.Ressources.ToDictionary(r => r.Type.ToString(), r => (string?)M(r.MontantMensuel)),
                CoDemandeur = p.CoDemandeur, ACharge = p.ACharge, Garde = p.Garde?.ToString(), CarteInvalidite = p.CarteInvalidite,
                RevenuFiscal = p.RevenuFiscalReferenceN2 is { } rp ? M(rp) : null, Employeur = p.Employeur, CommuneTravail = p.CommuneTravail?.Value,
            })],
            AdresseLigne1 = a.Ligne1, AdresseLigne2 = a.Ligne2, CodePostal = a.CodePostal, Commune = a.Commune,
            Telephone = c.Contact.Telephone, Courriel = c.Contact.Courriel, AccepteCourriel = c.Contact.AccepteCourriel,
            SituationFamiliale = c.SituationFamiliale?.ToString(),
            // The household figure is shown only when no person gives their own (it is then their sum).
            RevenuFiscal = c.RevenuFiscalReferenceN2 is { } rfr && c.Personnes.All(p => p.RevenuFiscalReferenceN2 is null) ? M(rfr) : null,
            StatutLogement = c.LogementActuel?.Statut.ToString(), CommuneActuelle = c.LogementActuel?.Commune?.Value,
            LoyerActuel = c.LogementActuel?.LoyerMensuel is { } l ? M(l) : null, SurfaceActuelle = c.LogementActuel?.Surface is { } sf ? M(sf) : null,
            AideLogement = c.LogementActuel?.AideLogementMensuelle is { } al ? M(al) : null, Bailleur = c.LogementActuel?.Bailleur,
            DateEntree = c.LogementActuel?.DateEntree?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            RecoursDalo = c.RecoursDalo is not null, DateRecoursDalo = c.RecoursDalo?.DateRecours?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Motifs = [.. c.Motifs.Select(m => m.ToString())], MotifPrincipal = c.MotifPrincipal?.ToString(),
            Typologies = [.. s.Typologies.Select(t => t.ToString())], CommunesSouhaitees = [.. s.Communes.Select(x => x.Value)], ToutEpci = s.ToutEpci,
            LoyerMaximum = s.LoyerMaximum is { } lm ? M(lm) : null, EtageMaximum = s.EtageMaximum?.ToString(CultureInfo.InvariantCulture),
            Ascenseur = s.AscenseurNecessaire, AccessiblePmr = s.AccessiblePmr,
            FauteuilRoulant = h?.FauteuilRoulant ?? false, MobiliteReduite = h?.MobiliteReduite ?? false, AutreAdaptation = h?.AutreAdaptation ?? false,
        };
    }

    /// <summary>Dates typed JJ/MM/AAAA are shown back as ISO dates, the form the date inputs and the API use.</summary>
    private static string? DateIso(string? brut) =>
        string.IsNullOrWhiteSpace(brut) ? null : TexteSaisi.Date(brut)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? brut.Trim();

    private static string? Vide(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>French labels of the values of the form (Cerfa 14069 wording).</summary>
public static class LibellesDemande
{
    public static readonly IReadOnlyList<(string Valeur, string Libelle)> Liens =
    [
        (nameof(LienPersonne.Conjoint), "Conjoint, concubin ou partenaire de PACS"), (nameof(LienPersonne.Enfant), "Enfant"),
        (nameof(LienPersonne.Ascendant), "Ascendant (parent, grand-parent)"), (nameof(LienPersonne.Autre), "Autre personne"),
    ];

    public static readonly IReadOnlyList<(string Valeur, string Libelle)> Gardes =
    [
        (nameof(GardeEnfant.Alternee), "Garde alternée (résidence alternée)"), (nameof(GardeEnfant.DroitDeVisite), "Droit de visite et d'hébergement"),
    ];

    public static readonly IReadOnlyList<(string Valeur, string Libelle)> Sexes =
        [(nameof(Sexe.Feminin), "Féminin"), (nameof(Sexe.Masculin), "Masculin")];

    public static readonly IReadOnlyList<(string Valeur, string Libelle)> Nationalites =
    [
        (nameof(Nationalite.Francaise), "Française"), (nameof(Nationalite.UnionEuropeenne), "Union européenne"),
        (nameof(Nationalite.HorsUnionEuropeenne), "Hors Union européenne (titre de séjour)"),
    ];

    public static readonly IReadOnlyList<(string Valeur, string Libelle)> SituationsProfessionnelles =
    [
        (nameof(SituationProfessionnelle.Cdi), "CDI ou fonctionnaire"), (nameof(SituationProfessionnelle.Cdd), "CDD, stage"),
        (nameof(SituationProfessionnelle.Interim), "Intérim"), (nameof(SituationProfessionnelle.Independant), "Artisan, commerçant, profession libérale"),
        (nameof(SituationProfessionnelle.Apprentissage), "Apprentissage"), (nameof(SituationProfessionnelle.Etudiant), "Étudiant"),
        (nameof(SituationProfessionnelle.DemandeurEmploi), "Demandeur d'emploi"), (nameof(SituationProfessionnelle.Retraite), "Retraité"),
        (nameof(SituationProfessionnelle.SansActivite), "Sans activité"), (nameof(SituationProfessionnelle.Autre), "Autre"),
    ];

    public static readonly IReadOnlyList<(string Valeur, string Libelle)> TypesRessources =
    [
        (nameof(TypeRessource.Salaire), "Salaires et revenus d'activité"), (nameof(TypeRessource.AllocationChomage), "Allocations chômage"),
        (nameof(TypeRessource.Retraite), "Retraites"), (nameof(TypeRessource.Rsa), "RSA"), (nameof(TypeRessource.Aah), "AAH"),
        (nameof(TypeRessource.PrestationsFamiliales), "Prestations familiales"), (nameof(TypeRessource.PensionAlimentaire), "Pension alimentaire reçue"),
        (nameof(TypeRessource.Autres), "Autres ressources"),
    ];

    public static readonly IReadOnlyList<(string Valeur, string Libelle)> SituationsFamiliales =
    [
        (nameof(SituationFamiliale.Celibataire), "Célibataire"), (nameof(SituationFamiliale.Marie), "Marié(e)"),
        (nameof(SituationFamiliale.Pacse), "Pacsé(e)"), (nameof(SituationFamiliale.Concubinage), "En concubinage"),
        (nameof(SituationFamiliale.Separe), "Séparé(e)"), (nameof(SituationFamiliale.Divorce), "Divorcé(e)"), (nameof(SituationFamiliale.Veuf), "Veuf ou veuve"),
    ];

    public static readonly IReadOnlyList<(string Valeur, string Libelle)> StatutsLogement =
    [
        (nameof(StatutLogementActuel.LocataireParcSocial), "Locataire HLM (demande de mutation)"),
        (nameof(StatutLogementActuel.LocataireParcPrive), "Locataire du parc privé"), (nameof(StatutLogementActuel.Proprietaire), "Propriétaire"),
        (nameof(StatutLogementActuel.HebergeParentsOuEnfants), "Hébergé chez ses parents ou enfants"),
        (nameof(StatutLogementActuel.HebergeParticulier), "Hébergé chez un particulier"),
        (nameof(StatutLogementActuel.StructureHebergement), "Structure d'hébergement"), (nameof(StatutLogementActuel.LogementTemporaire), "Logement temporaire"),
        (nameof(StatutLogementActuel.ResidenceEtudiante), "Résidence étudiante"), (nameof(StatutLogementActuel.Hotel), "Hôtel"),
        (nameof(StatutLogementActuel.LogementDeFonction), "Logement de fonction"), (nameof(StatutLogementActuel.SquatOuCamping), "Squat, camping, caravane"),
        (nameof(StatutLogementActuel.SansAbri), "Sans abri"), (nameof(StatutLogementActuel.Foyer), "Foyer (jeunes travailleurs, travailleurs migrants…)"),
        (nameof(StatutLogementActuel.ResidenceSociale), "Résidence sociale ou pension de famille"),
        (nameof(StatutLogementActuel.AppartementCoordinationTherapeutique), "Appartement de coordination thérapeutique"),
        (nameof(StatutLogementActuel.Autre), "Autre"),
    ];

    public static readonly IReadOnlyList<(string Valeur, string Libelle)> Motifs =
    [
        (nameof(MotifDemande.SansLogementPropre), "Sans logement propre"), (nameof(MotifDemande.LogementTemporaire), "Logement temporaire"),
        (nameof(MotifDemande.LogementNonDecent), "Logement non décent, insalubre ou dangereux"), (nameof(MotifDemande.ProcedureExpulsion), "Procédure d'expulsion"),
        (nameof(MotifDemande.LogementReprisOuVendu), "Logement repris ou mis en vente"), (nameof(MotifDemande.LogementTropCher), "Logement trop cher"),
        (nameof(MotifDemande.LogementTropPetit), "Logement trop petit"), (nameof(MotifDemande.LogementTropGrand), "Logement trop grand"),
        (nameof(MotifDemande.DivorceSeparation), "Divorce, séparation"), (nameof(MotifDemande.Decohabitation), "Décohabitation"),
        (nameof(MotifDemande.ViolencesFamiliales), "Violences familiales"), (nameof(MotifDemande.FuturCouple), "Futur couple"),
        (nameof(MotifDemande.Handicap), "Handicap"), (nameof(MotifDemande.RaisonsDeSante), "Raisons de santé"),
        (nameof(MotifDemande.MutationProfessionnelle), "Mutation professionnelle"), (nameof(MotifDemande.RapprochementTravail), "Rapprochement du lieu de travail"),
        (nameof(MotifDemande.RapprochementFamille), "Rapprochement de la famille"), (nameof(MotifDemande.RapprochementServices), "Rapprochement des équipements et services"),
        (nameof(MotifDemande.EnvironnementVoisinage), "Problèmes d'environnement ou de voisinage"), (nameof(MotifDemande.AccedantEnDifficulte), "Accédant à la propriété en difficulté"),
        (nameof(MotifDemande.Autre), "Autre motif"),
    ];

    public static readonly IReadOnlyList<string> ToutesTypologies = [.. Enum.GetValues<Typologie>().Select(t => t.ToString())];

    /// <summary>Whether a reason of the form reveals violence, disability or health (<see cref="MotifsDemande.EstRestreint"/>).</summary>
    public static bool MotifRestreint(string? valeur) => Enum.TryParse<MotifDemande>(valeur, ignoreCase: false, out var m) && m.EstRestreint();

    /// <summary>The reasons an agent may see: all of them, or without the restricted ones.</summary>
    public static IReadOnlyList<(string Valeur, string Libelle)> MotifsVisibles(bool restreintes) =>
        restreintes ? [.. Motifs.Where(m => !MotifRestreint(m.Valeur))] : Motifs;

    public static string De(IReadOnlyList<(string Valeur, string Libelle)> liste, string? valeur) =>
        valeur is null ? "non renseigné" : liste.FirstOrDefault(x => x.Valeur == valeur).Libelle ?? valeur;
}
