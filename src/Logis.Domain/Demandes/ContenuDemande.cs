using Logis.Domain.Commun;
using Logis.Domain.Menages;

namespace Logis.Domain.Demandes;

/// <summary>
/// What the household declares, under the nine headings of CCH R441-2-2 a)–i). Built only through
/// <see cref="Creer"/>, which checks the rules binding the headings together; the demand replaces its
/// content as a whole on each update, so the date of first registration is never touched.
/// </summary>
public sealed class ContenuDemande
{
    /// <summary>Communes a wish may name before choosing "toute l'intercommunalité" (Cerfa 14069 [M]).</summary>
    public const int NombreMaximumCommunes = 8;

    private const int LongueurMaximumNom = 100;

    private ContenuDemande()
    {
        Personnes = [];
        Contact = null!;
        LogementActuel = null!;
        Motifs = [];
        Souhaits = null!;
    }

    /// <summary>a) Every person to be housed; exactly one is the applicant (<see cref="LienPersonne.Demandeur"/>).</summary>
    public IReadOnlyList<PersonneALoger> Personnes { get; private init; }

    /// <summary>b) Address and contact details.</summary>
    public Coordonnees Contact { get; private init; }

    /// <summary>c) Family situation of the applicant; null only for a demand by a legal entity (<see cref="PersonneMorale"/>).</summary>
    public SituationFamiliale? SituationFamiliale { get; private init; }

    /// <summary>
    /// e) Household revenu fiscal de référence of year N-2 (euros per year), when known: the sum of the persons' own
    /// figures when any is given (<see cref="PersonneALoger.RevenuFiscalReferenceN2"/>), else the figure declared for the household.
    /// </summary>
    public decimal? RevenuFiscalReferenceN2 { get; private init; }

    /// <summary>f) Current housing; null only for a demand by a legal entity.</summary>
    public LogementActuel? LogementActuel { get; private init; }

    /// <summary>g) Every reason ticked; <see cref="MotifPrincipal"/> is one of them. Empty only for a demand by a legal entity.</summary>
    public IReadOnlyList<MotifDemande> Motifs { get; private init; }

    /// <summary>The main reason; null only for a demand by a legal entity.</summary>
    public MotifDemande? MotifPrincipal { get; private init; }

    /// <summary>h) Dwelling sought and location.</summary>
    public Souhaits Souhaits { get; private init; }

    /// <summary>i) Disability requiring an adapted dwelling, if any.</summary>
    public BesoinsHandicap? Handicap { get; private init; }

    /// <summary>
    /// The legal entity that applies to sublet (CCH L442-8-1), or null for a household's demand. Its demand fills only a), b)
    /// and h) (R441-2-2 [V]): the one person is its representative, and there is no household, no income, no reason.
    /// </summary>
    public PersonneMorale? PersonneMorale { get; private init; }

    public bool EstPersonneMorale => PersonneMorale is not null;

    /// <summary>The applicant declares a DALO recourse (Cerfa 14069*05 [S]); null when none is declared.</summary>
    public RecoursDalo? RecoursDalo { get; private init; }

    public PersonneALoger Demandeur => Personnes.Single(p => p.Lien == LienPersonne.Demandeur);

    /// <summary>The co-applicant: the conjoint or future co-holder of the lease (Cerfa 14069*05), if any.</summary>
    public PersonneALoger? CoDemandeur
    {
        get
        {
            foreach (var p in Personnes)
            {
                if (p.CoDemandeur) return p;
            }
            return null;
        }
    }

    /// <summary>
    /// The household as the eligibility rules see it at <paramref name="dateReference"/> (ages, jeune ménage): every person
    /// with their dependant status, custody and disability card, and the revenu fiscal de référence N-2 when known.
    /// Fails only if a birth date is after the reference date.
    /// </summary>
    public Resultat<Menage> Menage(DateOnly dateReference)
    {
        if (EstPersonneMorale)
            return Resultat.Echec<Menage>("Demande d'une personne morale (CCH L442-8-1) : elle n'a pas de ménage ; les plafonds de ressources s'appliquent aux sous-locataires.");
        var personnes = new Personne[Personnes.Count];
        for (var i = 0; i < personnes.Length; i++)
        {
            var p = Personnes[i];
            personnes[i] = new Personne(p.DateNaissance, p.Lien, p.CarteInvalidite, p.ACharge, p.Garde == GardeEnfant.Alternee);
        }
        return Menages.Menage.Creer(personnes, RevenuFiscalReferenceN2 is { } rfr ? RevenuRetenu.RevenuFiscalDeReference(rfr) : null, dateReference);
    }

    /// <summary>A sitting social tenant asks for another dwelling: a mutation demand (docs/regles/07-attribution.md §7.5).</summary>
    public bool EstMutation => LogementActuel?.Statut == StatutLogementActuel.LocataireParcSocial;

    /// <summary>Total monthly resources of the household, the SNE "revenus mensuels" field (Q1 computation).</summary>
    public decimal RessourcesMensuelles => Personnes.Sum(p => p.RessourcesMensuelles);

    public static Resultat<ContenuDemande> Creer(
        IReadOnlyList<PersonneALoger> personnes,
        Coordonnees contact,
        SituationFamiliale situationFamiliale,
        decimal? revenuFiscalReferenceN2,
        LogementActuel logementActuel,
        IReadOnlyList<MotifDemande> motifs,
        MotifDemande motifPrincipal,
        Souhaits souhaits,
        BesoinsHandicap? handicap,
        RecoursDalo? recoursDalo = null)
    {
        ArgumentNullException.ThrowIfNull(logementActuel);
        var rfrPersonnes = SommeRevenusPersonnes(personnes);
        if (rfrPersonnes is { } somme && revenuFiscalReferenceN2 is { } declare && declare != somme)
            return Resultat.Echec<ContenuDemande>($"Le revenu fiscal de référence du ménage ({TexteFr.Euros(declare)}) n'est pas la somme de ceux des personnes ({TexteFr.Euros(somme)}).");
        revenuFiscalReferenceN2 ??= rfrPersonnes;
        var erreur = ErreurPersonnes(personnes)
            ?? ErreurContact(contact)
            ?? ErreurLogementActuel(logementActuel, revenuFiscalReferenceN2)
            ?? ErreurMotifs(motifs, motifPrincipal)
            ?? ErreurSouhaits(souhaits);
        if (erreur is not null) return Resultat.Echec<ContenuDemande>(erreur);

        return Resultat.Ok(new ContenuDemande
        {
            Personnes = [.. personnes],
            Contact = contact,
            SituationFamiliale = situationFamiliale,
            RevenuFiscalReferenceN2 = revenuFiscalReferenceN2,
            LogementActuel = logementActuel,
            Motifs = [.. motifs],
            MotifPrincipal = motifPrincipal,
            Souhaits = souhaits with { Typologies = [.. souhaits.Typologies.Order()], Communes = [.. souhaits.Communes] },
            Handicap = handicap,
            RecoursDalo = recoursDalo,
        });
    }

    /// <summary>
    /// The demand of a legal entity (CCH L442-8-1): headings a), b) and h) only (R441-2-2 [V]). <paramref name="representant"/>
    /// is the natural person who signs for it (the one person of the demand, as applicant); it declares no income.
    /// </summary>
    public static Resultat<ContenuDemande> CreerPersonneMorale(PersonneMorale personneMorale, PersonneALoger representant, Coordonnees contact, Souhaits souhaits)
    {
        ArgumentNullException.ThrowIfNull(personneMorale);
        ArgumentNullException.ThrowIfNull(representant);
        var erreur = ErreurPersonneMorale(personneMorale)
            ?? (representant.Lien != LienPersonne.Demandeur || representant.Ressources.Count > 0 || representant.RevenuFiscalReferenceN2 is not null
                || representant.CoDemandeur || representant.ACharge || representant.Garde is not null
                ? "Le représentant d'une personne morale est son seul signataire : ni ressources, ni revenu fiscal, ni lien autre que demandeur." : null)
            ?? ErreurPersonnes([representant])
            ?? ErreurContact(contact)
            ?? ErreurSouhaits(souhaits);
        if (erreur is not null) return Resultat.Echec<ContenuDemande>(erreur);
        return Resultat.Ok(new ContenuDemande
        {
            Personnes = [representant],
            Contact = contact,
            Motifs = [],
            Souhaits = souhaits with { Typologies = [.. souhaits.Typologies.Order()], Communes = [.. souhaits.Communes] },
            PersonneMorale = personneMorale with { RaisonSociale = personneMorale.RaisonSociale.Trim() },
        });
    }

    private static string? ErreurPersonneMorale(PersonneMorale pm)
    {
        if (PersonneMorale.ErreurRaisonSociale(pm.RaisonSociale) is { } erreur) return erreur;
        return Enum.IsDefined(pm.Nature) ? null : "La nature de la personne morale est inconnue.";
    }

    /// <summary>
    /// This content as sent by an agent who does not see the restricted fields (docs/protection-des-donnees.md §2 items 4–5),
    /// with those fields taken from the content <paramref name="enregistre"/> already stored: such an agent can neither read
    /// nor erase what it cannot see. Kept from the stored content: the NIR and disability card of each person found again
    /// (same name, first names and birth date), the disability needs, and the restricted reasons (<see cref="MotifsDemande.EstRestreint"/>) —
    /// the main reason too when it is one of them. A person added by this agent keeps what the agent typed (as on
    /// registration); a restricted reason the agent adds is kept (the applicant told the agent).
    /// </summary>
    public ContenuDemande ConserverDonneesRestreintes(ContenuDemande enregistre)
    {
        var personnes = Personnes.Select(p => enregistre.Personnes.FirstOrDefault(e => MemePersonne(e, p)) is { } e
            ? p with { Nir = e.Nir, CarteInvalidite = e.CarteInvalidite }
            : p).ToList();
        var motifs = EstPersonneMorale ? [] : Motifs.Concat(enregistre.Motifs.Where(m => m.EstRestreint())).Distinct().ToList();
        return new ContenuDemande
        {
            Personnes = personnes,
            Contact = Contact,
            SituationFamiliale = SituationFamiliale,
            RevenuFiscalReferenceN2 = RevenuFiscalReferenceN2,
            LogementActuel = LogementActuel,
            Motifs = motifs,
            MotifPrincipal = enregistre.MotifPrincipal is { } p && p.EstRestreint() && !EstPersonneMorale ? p : MotifPrincipal,
            Souhaits = Souhaits,
            Handicap = enregistre.Handicap,
            RecoursDalo = RecoursDalo,
            PersonneMorale = PersonneMorale,
        };

        static bool MemePersonne(PersonneALoger a, PersonneALoger b) => a.DateNaissance == b.DateNaissance
            && string.Equals(a.Nom.Trim(), b.Nom.Trim(), StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Prenoms.Trim(), b.Prenoms.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The sum of the persons' own revenus fiscaux de référence, or null when none gives one.</summary>
    private static decimal? SommeRevenusPersonnes(IReadOnlyList<PersonneALoger> personnes)
    {
        decimal? somme = null;
        foreach (var p in personnes)
        {
            if (p.RevenuFiscalReferenceN2 is { } r) somme = (somme ?? 0m) + r;
        }
        return somme;
    }

    private static string? ErreurPersonnes(IReadOnlyList<PersonneALoger> personnes)
    {
        if (personnes.Count(p => p.Lien == LienPersonne.Demandeur) != 1)
            return "La demande doit désigner un et un seul demandeur parmi les personnes à loger.";
        foreach (var p in personnes)
        {
            if (string.IsNullOrWhiteSpace(p.Nom) || string.IsNullOrWhiteSpace(p.Prenoms))
                return "Chaque personne à loger doit avoir un nom et un prénom.";
            if (p.Nom.Length > LongueurMaximumNom || p.Prenoms.Length > LongueurMaximumNom)
                return $"Les noms et prénoms comptent au plus {LongueurMaximumNom} caractères.";
            if (p.Ressources.Any(r => r.MontantMensuel < 0))
                return "Un montant de ressources ne peut pas être négatif.";
            if (ADesDoublons(p.Ressources.Select(r => r.Type).ToList()))
                return "Chaque type de ressource est déclaré une seule fois par personne.";
            if (p.RevenuFiscalReferenceN2 < 0) return "Un revenu fiscal de référence ne peut pas être négatif.";
            if (p.CoDemandeur && p.Lien == LienPersonne.Demandeur) return "Le demandeur ne peut pas être son propre codemandeur.";
            if (p.ACharge && (p.Lien == LienPersonne.Demandeur || p.CoDemandeur))
                return "Le demandeur et le codemandeur ne peuvent pas être des personnes à charge.";
            if (p.Garde is not null && p.Lien != LienPersonne.Enfant) return "Seul un enfant peut être en garde alternée ou en droit de visite.";
            if (p.Employeur is { Length: > LongueurMaximumNom }) return $"Le nom de l'employeur compte au plus {LongueurMaximumNom} caractères.";
        }
        if (personnes.Count(p => p.CoDemandeur) > 1) return "La demande a au plus un codemandeur.";
        if (personnes.Count(p => p.Lien == LienPersonne.Conjoint) > 1) return "Le demandeur a au plus un conjoint parmi les personnes à loger.";
        if (ADesDoublons(personnes.Where(p => p.Nir is not null).Select(p => p.Nir!).ToList()))
            return "Deux personnes à loger ne peuvent pas avoir le même NIR.";
        return null;
    }

    /// <summary>The same content with other contact details (the applicant corrects them from the applicant space), checked as on registration.</summary>
    public Resultat<ContenuDemande> AvecCoordonnees(Coordonnees contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return ErreurContact(contact) is { } erreur ? Resultat.Echec<ContenuDemande>(erreur) : Resultat.Ok(new ContenuDemande
        {
            Personnes = Personnes, Contact = contact, SituationFamiliale = SituationFamiliale, RevenuFiscalReferenceN2 = RevenuFiscalReferenceN2,
            LogementActuel = LogementActuel, Motifs = Motifs, MotifPrincipal = MotifPrincipal, Souhaits = Souhaits, Handicap = Handicap, RecoursDalo = RecoursDalo,
            PersonneMorale = PersonneMorale,
        });
    }

    private static string? ErreurContact(Coordonnees contact)
    {
        var a = contact.Adresse;
        if (string.IsNullOrWhiteSpace(a.Ligne1) || string.IsNullOrWhiteSpace(a.CodePostal) || string.IsNullOrWhiteSpace(a.Commune))
            return "L'adresse doit comporter une voie, un code postal et une commune.";
        if (contact.AccepteCourriel && string.IsNullOrWhiteSpace(contact.Courriel))
            return "Le demandeur qui accepte les courriels doit indiquer une adresse électronique.";
        return null;
    }

    private static string? ErreurLogementActuel(LogementActuel logement, decimal? revenuFiscal)
    {
        if (logement.LoyerMensuel < 0) return "Le loyer actuel ne peut pas être négatif.";
        if (logement.Surface <= 0) return "La surface du logement actuel doit être positive.";
        if (logement.AideLogementMensuelle < 0) return "L'aide au logement ne peut pas être négative.";
        if (logement.Bailleur is { Length: > LongueurMaximumNom }) return $"Le nom du bailleur compte au plus {LongueurMaximumNom} caractères.";
        if (revenuFiscal < 0) return "Le revenu fiscal de référence ne peut pas être négatif.";
        return null;
    }

    private static string? ErreurMotifs(IReadOnlyList<MotifDemande> motifs, MotifDemande principal)
    {
        if (motifs.Count == 0) return "La demande doit indiquer au moins un motif.";
        if (ADesDoublons(motifs)) return "Un motif ne peut être indiqué qu'une fois.";
        if (!motifs.Contains(principal)) return "Le motif principal doit faire partie des motifs indiqués.";
        return null;
    }

    private static string? ErreurSouhaits(Souhaits s)
    {
        if (s.Typologies.Count == 0) return "La demande doit indiquer au moins une typologie de logement.";
        if (ADesDoublons(s.Typologies)) return "Une typologie ne peut être indiquée qu'une fois.";
        if (s.ToutEpci && s.Communes.Count > 0)
            return "Choisir toute l'intercommunalité exclut de lister des communes.";
        if (!s.ToutEpci && s.Communes.Count == 0)
            return "La demande doit indiquer au moins une commune souhaitée, ou toute l'intercommunalité.";
        if (s.Communes.Count > NombreMaximumCommunes)
            return $"La demande indique au plus {NombreMaximumCommunes} communes souhaitées.";
        if (ADesDoublons(s.Communes)) return "Une commune ne peut être souhaitée qu'une fois.";
        if (s.LoyerMaximum <= 0) return "Le loyer maximum souhaité doit être positif.";
        if (s.EtageMaximum < 0) return "L'étage maximum souhaité ne peut pas être négatif.";
        return null;
    }

    /// <summary>The lists of a demand are short (a few items): a pairwise scan beats hashing.</summary>
    private static bool ADesDoublons<T>(IReadOnlyList<T> valeurs)
    {
        var comparateur = EqualityComparer<T>.Default;
        for (var i = 0; i < valeurs.Count; i++)
        {
            for (var j = i + 1; j < valeurs.Count; j++)
            {
                if (comparateur.Equals(valeurs[i], valeurs[j])) return true;
            }
        }
        return false;
    }
}
