using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using static Logis.Domain.Demandes.TexteSaisi;

namespace Logis.Domain.Demandes;

public sealed record RessourceSaisie(string? Type, decimal? MontantMensuel);

/// <summary>A person as typed; the fields after <c>Ressources</c> are the Cerfa 14069*05 additions (optional).</summary>
public sealed record PersonneSaisie(
    string? Nom, string? Prenoms, string? DateNaissance, string? Lien, string? Sexe, string? Nationalite, string? Nir,
    string? SituationProfessionnelle, IReadOnlyList<RessourceSaisie?>? Ressources,
    bool CoDemandeur = false, bool ACharge = false, string? Garde = null, bool CarteInvalidite = false,
    decimal? RevenuFiscalReferenceN2 = null, string? Employeur = null, string? CommuneTravail = null);

public sealed record AdresseSaisie(string? Ligne1, string? Ligne2, string? CodePostal, string? Commune);

public sealed record LogementActuelSaisie(
    string? Statut, string? Commune, decimal? LoyerMensuel, decimal? Surface,
    decimal? AideLogementMensuelle = null, string? Bailleur = null, string? DateEntree = null);

public sealed record SouhaitsSaisie(
    IReadOnlyList<string?>? Typologies, IReadOnlyList<string?>? Communes, bool ToutEpci, decimal? LoyerMaximum, int? EtageMaximum,
    bool AscenseurNecessaire, bool AccessiblePmr);

public sealed record HandicapSaisie(bool FauteuilRoulant, bool MobiliteReduite, bool AutreAdaptation);

/// <summary>The legal entity that applies to sublet (CCH L442-8-1): name, SIREN, nature (a name of <see cref="NaturePersonneMorale"/>).</summary>
public sealed record PersonneMoraleSaisie(string? RaisonSociale, string? Siren, string? Nature);

/// <summary>
/// A demand as it arrives, whatever the channel: the body of <c>POST</c>/<c>PUT /api/v1/demandes</c>, the registration
/// form (read by the page into this record) and each line of a demand file (a column map onto these fields,
/// docs/import-demandes.md). <see cref="Lire"/> is the one validation of a demand's input: every error names its field
/// (camelCase path, as in the JSON: <c>personnes[1].dateNaissance</c>) with the same French message on every channel.
/// </summary>
public sealed record DemandeSaisie(
    IReadOnlyList<PersonneSaisie?>? Personnes,
    AdresseSaisie? Adresse,
    string? Telephone,
    string? Courriel,
    bool AccepteCourriel,
    string? SituationFamiliale,
    decimal? RevenuFiscalReferenceN2,
    LogementActuelSaisie? LogementActuel,
    IReadOnlyList<string?>? Motifs,
    string? MotifPrincipal,
    SouhaitsSaisie? Souhaits,
    HandicapSaisie? Handicap,
    string? Canal = null,
    string? DateDepot = null,
    bool RecoursDalo = false,
    string? DateRecoursDalo = null,
    string? MotifDateDepot = null,
    PersonneMoraleSaisie? PersonneMorale = null)
{
    /// <summary>Longest name of an employer or a landlord (as the persons' names).</summary>
    public const int LongueurMaximumNom = 100;

    /// <summary>Longest e-mail address accepted (RFC 5321 path limit).</summary>
    public const int LongueurMaximumCourriel = 254;

    /// <summary>
    /// Reads the input into the declared content; on failure, the errors keyed by field. With <paramref name="communesEpci"/>
    /// (INSEE codes), a wished commune outside the intercommunality is an error of <c>souhaits.communes</c>.
    /// </summary>
    public (ContenuDemande? Contenu, Dictionary<string, string[]> Erreurs) Lire(IReadOnlySet<string>? communesEpci = null)
    {
        if (PersonneMorale is not null) return LirePersonneMorale(communesEpci);
        var erreurs = new Dictionary<string, string[]>();

        var personnes = LirePersonnes(erreurs);

        var contact = LireCoordonnees(Adresse, Telephone, Courriel, AccepteCourriel, erreurs);
        var familiale = Valeur<SituationFamiliale>(SituationFamiliale, "situationFamiliale", "La situation familiale est obligatoire.", erreurs);
        if (RevenuFiscalReferenceN2 < 0) Ajouter(erreurs, "revenuFiscalReferenceN2", "Le revenu fiscal de référence ne peut pas être négatif.");
        else if (RevenuFiscalReferenceN2 > BornesSaisie.RevenuFiscalMaximum) Ajouter(erreurs, "revenuFiscalReferenceN2", BornesSaisie.AuPlus("Le revenu fiscal de référence", BornesSaisie.RevenuFiscalMaximum));

        var statutLogement = Valeur<StatutLogementActuel>(LogementActuel?.Statut, "logementActuel.statut", "Le statut du logement actuel est obligatoire.", erreurs);
        CodeInsee? communeActuelle = null;
        if (!string.IsNullOrWhiteSpace(LogementActuel?.Commune))
        {
            if (CodeInsee.TryCreate(LogementActuel.Commune, out var c)) communeActuelle = c;
            else Ajouter(erreurs, "logementActuel.commune", $"« {LogementActuel.Commune.Trim()} » n'est pas un code INSEE de commune (5 caractères, ex. 83137).");
        }
        if (LogementActuel?.LoyerMensuel < 0) Ajouter(erreurs, "logementActuel.loyerMensuel", "Le loyer actuel ne peut pas être négatif.");
        else if (LogementActuel?.LoyerMensuel > BornesSaisie.LoyerMensuelMaximum) Ajouter(erreurs, "logementActuel.loyerMensuel", BornesSaisie.AuPlus("Le loyer actuel", BornesSaisie.LoyerMensuelMaximum));
        if (LogementActuel?.Surface <= 0) Ajouter(erreurs, "logementActuel.surface", "La surface du logement actuel doit être positive.");
        else if (LogementActuel?.Surface > BornesSaisie.SurfaceMaximum)
            Ajouter(erreurs, "logementActuel.surface", $"La surface du logement actuel est de {BornesSaisie.SurfaceMaximum:0} m² au plus : vérifiez la saisie.");
        if (LogementActuel?.AideLogementMensuelle < 0) Ajouter(erreurs, "logementActuel.aideLogementMensuelle", "L'aide au logement ne peut pas être négative.");
        else if (LogementActuel?.AideLogementMensuelle > BornesSaisie.AideLogementMaximum)
            Ajouter(erreurs, "logementActuel.aideLogementMensuelle", BornesSaisie.AuPlus("L'aide au logement mensuelle", BornesSaisie.AideLogementMaximum));
        var bailleur = string.IsNullOrWhiteSpace(LogementActuel?.Bailleur) ? null : LogementActuel.Bailleur.Trim();
        if (bailleur?.Length > LongueurMaximumNom) Ajouter(erreurs, "logementActuel.bailleur", $"Le nom du bailleur compte au plus {LongueurMaximumNom} caractères.");
        DateOnly? dateEntree = null;
        if (!string.IsNullOrWhiteSpace(LogementActuel?.DateEntree) && (dateEntree = Date(LogementActuel.DateEntree)) is null)
            Ajouter(erreurs, "logementActuel.dateEntree", $"« {LogementActuel.DateEntree.Trim()} » n'est pas une date valide (AAAA-MM-JJ).");
        DateOnly? dateRecours = null;
        if (!string.IsNullOrWhiteSpace(DateRecoursDalo) && (dateRecours = Date(DateRecoursDalo)) is null)
            Ajouter(erreurs, "dateRecoursDalo", $"« {DateRecoursDalo.Trim()} » n'est pas une date valide (AAAA-MM-JJ).");

        var motifs = new List<MotifDemande>();
        string? premierMotif = null;
        for (var i = 0; i < (Motifs?.Count ?? 0); i++)
        {
            var m = Motifs![i];
            if (string.IsNullOrWhiteSpace(m)) continue;
            premierMotif ??= m;
            if (Enumere<MotifDemande>(m) is not { } motif) Ajouter(erreurs, "motifs", $"Motif « {m.Trim()} » inconnu ; valeurs admises : {Admises<MotifDemande>()}.");
            else if (!motifs.Contains(motif)) motifs.Add(motif);
        }
        var brutPrincipal = string.IsNullOrWhiteSpace(MotifPrincipal) ? premierMotif : MotifPrincipal;
        var principal = Valeur<MotifDemande>(brutPrincipal, "motifPrincipal", "Le motif principal de la demande est obligatoire.", erreurs);
        if (principal is { } pr && !motifs.Contains(pr)) motifs.Insert(0, pr);

        var (typologies, communes, toutEpci) = LireSouhaits(communesEpci, erreurs);

        if (erreurs.Count > 0) return (null, erreurs);

        var handicap = Handicap is { } h && (h.FauteuilRoulant || h.MobiliteReduite || h.AutreAdaptation)
            ? new BesoinsHandicap(h.FauteuilRoulant, h.MobiliteReduite, h.AutreAdaptation) : null;
        var contenu = ContenuDemande.Creer(
            personnes,
            contact!,
            familiale!.Value,
            RevenuFiscalReferenceN2,
            new LogementActuel(statutLogement!.Value, communeActuelle, LogementActuel!.LoyerMensuel, LogementActuel.Surface,
                LogementActuel.AideLogementMensuelle, bailleur, dateEntree),
            motifs,
            principal!.Value,
            new Souhaits(typologies, communes, toutEpci, Souhaits?.LoyerMaximum, Souhaits?.EtageMaximum, Souhaits?.AscenseurNecessaire ?? false, Souhaits?.AccessiblePmr ?? false),
            handicap,
            // A date of recourse declares the recourse.
            RecoursDalo || dateRecours is not null ? new RecoursDalo(dateRecours) : null);
        if (!contenu.EstReussi) return (null, new Dictionary<string, string[]> { ["contenu"] = [contenu.Motif!] });
        return (contenu.Valeur, erreurs);
    }

    /// <summary>
    /// A legal entity's demand (CCH L442-8-1): only the headings a), b) and h) (R441-2-2 [V]). The one person is its
    /// representative; any household heading (family situation, income, current housing, reasons, disability, DALO recourse,
    /// a second person) is an error of its field rather than silently dropped.
    /// </summary>
    private (ContenuDemande? Contenu, Dictionary<string, string[]> Erreurs) LirePersonneMorale(IReadOnlySet<string>? communesEpci)
    {
        var erreurs = new Dictionary<string, string[]>();
        var pm = PersonneMorale!;
        var raison = pm.RaisonSociale?.Trim() ?? "";
        if (Demandes.PersonneMorale.ErreurRaisonSociale(raison) is { } erreurRaison) Ajouter(erreurs, "personneMorale.raisonSociale", erreurRaison);
        Siren siren = default;
        if (string.IsNullOrWhiteSpace(pm.Siren)) Ajouter(erreurs, "personneMorale.siren", "Le numéro SIREN de la personne morale est obligatoire (9 chiffres).");
        else if (!Siren.TryCreate(pm.Siren.Replace(" ", "", StringComparison.Ordinal), out siren))
            Ajouter(erreurs, "personneMorale.siren", $"« {pm.Siren.Trim()} » n'est pas un numéro SIREN (9 chiffres).");
        var nature = Valeur<NaturePersonneMorale>(pm.Nature, "personneMorale.nature", "La nature de la personne morale est obligatoire (CCH L442-8-1).", erreurs);

        const string horsRubriques = "Une demande de personne morale ne remplit que l'identité, les coordonnées et le logement recherché (CCH R441-2-2) : retirez ce champ.";
        if (Personnes is { Count: > 1 }) Ajouter(erreurs, "personnes", "Une demande de personne morale ne compte qu'une personne : son représentant.");
        if (!string.IsNullOrWhiteSpace(SituationFamiliale)) Ajouter(erreurs, "situationFamiliale", horsRubriques);
        if (RevenuFiscalReferenceN2 is not null) Ajouter(erreurs, "revenuFiscalReferenceN2", horsRubriques);
        if (LogementActuel is { } la && (new[] { la.Statut, la.Commune, la.Bailleur, la.DateEntree }.Any(t => !string.IsNullOrWhiteSpace(t))
            || (la.LoyerMensuel ?? la.Surface ?? la.AideLogementMensuelle) is not null))
            Ajouter(erreurs, "logementActuel", horsRubriques);
        if (Motifs?.Any(m => !string.IsNullOrWhiteSpace(m)) == true || !string.IsNullOrWhiteSpace(MotifPrincipal)) Ajouter(erreurs, "motifs", horsRubriques);
        if (Handicap is { } h && (h.FauteuilRoulant || h.MobiliteReduite || h.AutreAdaptation)) Ajouter(erreurs, "handicap", horsRubriques);
        if (RecoursDalo || !string.IsNullOrWhiteSpace(DateRecoursDalo)) Ajouter(erreurs, "recoursDalo", horsRubriques);

        var personnes = LirePersonnes(erreurs);
        if (personnes.Count == 1)
        {
            var r = Personnes![0]!;
            if (r.Ressources?.Any(x => x is not null) == true) Ajouter(erreurs, ChampPersonne(0, "ressources"), horsRubriques);
            if (r.RevenuFiscalReferenceN2 is not null) Ajouter(erreurs, ChampPersonne(0, "revenuFiscalReferenceN2"), horsRubriques);
            if (r.ACharge || r.CoDemandeur || !string.IsNullOrWhiteSpace(r.Garde)) Ajouter(erreurs, ChampPersonne(0, "lien"), "Le représentant de la personne morale est le seul signataire de la demande.");
        }
        var contact = LireCoordonnees(Adresse, Telephone, Courriel, AccepteCourriel, erreurs);
        var (typologies, communes, toutEpci) = LireSouhaits(communesEpci, erreurs);
        if (erreurs.Count > 0) return (null, erreurs);

        var contenu = ContenuDemande.CreerPersonneMorale(new Demandes.PersonneMorale(raison, siren, nature!.Value), personnes[0], contact!,
            new Souhaits(typologies, communes, toutEpci, Souhaits?.LoyerMaximum, Souhaits?.EtageMaximum, Souhaits?.AscenseurNecessaire ?? false, Souhaits?.AccessiblePmr ?? false));
        if (!contenu.EstReussi) return (null, new Dictionary<string, string[]> { ["contenu"] = [contenu.Motif!] });
        return (contenu.Valeur, erreurs);
    }

    /// <summary>
    /// The channel, the deposit date and the reason for an old deposit date, when given (the guichet and the day of registration
    /// otherwise). The bound itself depends on the day and the settings: <see cref="ReglesEnregistrement.RefusDateDepot"/>.
    /// </summary>
    public (CanalDepot Canal, DateOnly? DateDepot, string? Motif) LireDepot(Dictionary<string, string[]> erreurs)
    {
        var canal = string.IsNullOrWhiteSpace(Canal) ? CanalDepot.Guichet
            : Valeur<CanalDepot>(Canal, "canal", "", erreurs) ?? CanalDepot.Guichet;
        DateOnly? depot = null;
        if (!string.IsNullOrWhiteSpace(DateDepot) && (depot = Date(DateDepot)) is null)
            Ajouter(erreurs, "dateDepot", $"« {DateDepot.Trim()} » n'est pas une date valide (AAAA-MM-JJ).");
        var motif = string.IsNullOrWhiteSpace(MotifDateDepot) ? null : MotifDateDepot.Trim();
        if (motif is { Length: > ReglesEnregistrement.LongueurMaximumMotif })
            Ajouter(erreurs, ReglesEnregistrement.ChampMotif, $"Le motif de la date de dépôt ne doit pas dépasser {ReglesEnregistrement.LongueurMaximumMotif} caractères.");
        else if (motif is not null && motif.Any(char.IsControl))
            Ajouter(erreurs, ReglesEnregistrement.ChampMotif, "Le motif de la date de dépôt ne doit pas contenir de saut de ligne ni de caractère de contrôle.");
        return (canal, depot, motif);
    }

    private static string Qui(int i) => i == 0 ? "du demandeur" : $"de la personne {i + 1}";

    private List<PersonneALoger> LirePersonnes(Dictionary<string, string[]> erreurs)
    {
        var personnes = new List<PersonneALoger>();
        if (Personnes is null || Personnes.Count == 0)
        {
            Ajouter(erreurs, "personnes", "Indiquez au moins le demandeur.");
            return personnes;
        }
        if (Personnes.Count > BornesSaisie.PersonnesMaximum)
        {
            Ajouter(erreurs, "personnes", $"Une demande compte au plus {BornesSaisie.PersonnesMaximum} personnes à loger ({Personnes.Count} reçues).");
            return personnes;
        }
        var avant = erreurs.Count;
        var codemandeurs = 0;
        for (var i = 0; i < Personnes.Count; i++)
        {
            if (Personnes[i] is not { } p)
            {
                Ajouter(erreurs, $"personnes[{i}]", $"La personne {i + 1} est vide.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(p.Nom)) Ajouter(erreurs, ChampPersonne(i, "nom"), $"Le nom {Qui(i)} est obligatoire.");
            if (string.IsNullOrWhiteSpace(p.Prenoms)) Ajouter(erreurs, ChampPersonne(i, "prenoms"), $"Le prénom {Qui(i)} est obligatoire.");
            DateOnly? naissance = null;
            if (string.IsNullOrWhiteSpace(p.DateNaissance)) Ajouter(erreurs, ChampPersonne(i, "dateNaissance"), $"La date de naissance {Qui(i)} est obligatoire (AAAA-MM-JJ).");
            else if ((naissance = Date(p.DateNaissance)) is null)
                Ajouter(erreurs, ChampPersonne(i, "dateNaissance"), $"« {p.DateNaissance.Trim()} » n'est pas une date valide (AAAA-MM-JJ).");
            var lien = Enumere<LienPersonne>(string.IsNullOrWhiteSpace(p.Lien) && i == 0 ? nameof(LienPersonne.Demandeur) : p.Lien)
                ?? Valeur<LienPersonne>(p.Lien, ChampPersonne(i, "lien"), $"Le lien {Qui(i)} avec le demandeur est obligatoire.", erreurs);
            var sexe = Facultatif<Sexe>(p.Sexe, i, "sexe", erreurs);
            var nationalite = Facultatif<Nationalite>(p.Nationalite, i, "nationalite", erreurs);
            Nir? nir = null;
            if (!string.IsNullOrWhiteSpace(p.Nir))
            {
                // Never echo the NIR in a message (docs/protection-des-donnees.md §2, item 4).
                if (Nir.TryCreate(p.Nir, out var n)) nir = n;
                else Ajouter(erreurs, ChampPersonne(i, "nir"), "Le NIR n'est pas valide (15 caractères, clé de contrôle).");
            }
            var situation = Facultatif<SituationProfessionnelle>(p.SituationProfessionnelle, i, "situationProfessionnelle", erreurs);
            var ressources = LireRessources(p.Ressources, i, erreurs);
            var garde = string.IsNullOrWhiteSpace(p.Garde) ? null : Enumere<GardeEnfant>(p.Garde) ?? Valeur<GardeEnfant>(p.Garde, ChampPersonne(i, "garde"), "", erreurs);
            if (garde is not null && lien is { } lienGarde && lienGarde != LienPersonne.Enfant)
                Ajouter(erreurs, ChampPersonne(i, "garde"), "Seul un enfant peut être en garde alternée ou en droit de visite.");
            if (p.CoDemandeur && lien == LienPersonne.Demandeur) Ajouter(erreurs, ChampPersonne(i, "coDemandeur"), "Le demandeur ne peut pas être son propre codemandeur.");
            else if (p.CoDemandeur && codemandeurs++ > 0) Ajouter(erreurs, ChampPersonne(i, "coDemandeur"), "La demande a au plus un codemandeur.");
            if (p.ACharge && (p.CoDemandeur || lien == LienPersonne.Demandeur))
                Ajouter(erreurs, ChampPersonne(i, "aCharge"), "Le demandeur et le codemandeur ne peuvent pas être des personnes à charge.");
            if (p.RevenuFiscalReferenceN2 < 0) Ajouter(erreurs, ChampPersonne(i, "revenuFiscalReferenceN2"), "Un revenu fiscal de référence ne peut pas être négatif.");
            else if (p.RevenuFiscalReferenceN2 > BornesSaisie.RevenuFiscalMaximum)
                Ajouter(erreurs, ChampPersonne(i, "revenuFiscalReferenceN2"), BornesSaisie.AuPlus("Un revenu fiscal de référence", BornesSaisie.RevenuFiscalMaximum));
            var employeur = string.IsNullOrWhiteSpace(p.Employeur) ? null : p.Employeur.Trim();
            if (employeur?.Length > LongueurMaximumNom) Ajouter(erreurs, ChampPersonne(i, "employeur"), $"Le nom de l'employeur compte au plus {LongueurMaximumNom} caractères.");
            CodeInsee? travail = null;
            if (!string.IsNullOrWhiteSpace(p.CommuneTravail))
            {
                if (CodeInsee.TryCreate(p.CommuneTravail, out var ct)) travail = ct;
                else Ajouter(erreurs, ChampPersonne(i, "communeTravail"), $"« {p.CommuneTravail.Trim()} » n'est pas un code INSEE de commune (5 caractères, ex. 83137).");
            }
            if (naissance is { } d && lien is { } l && !string.IsNullOrWhiteSpace(p.Nom) && !string.IsNullOrWhiteSpace(p.Prenoms))
                personnes.Add(new PersonneALoger(p.Nom.Trim(), p.Prenoms.Trim(), d, l, sexe, nationalite, nir, situation, ressources,
                    p.CoDemandeur, p.ACharge, garde, p.CarteInvalidite, p.RevenuFiscalReferenceN2, employeur, travail));
        }
        if (erreurs.Count == avant && !personnes.Exists(p => p.Lien == LienPersonne.Demandeur))
            Ajouter(erreurs, ChampPersonne(0, "lien"), "Aucune personne n'est désignée comme demandeur.");
        if (erreurs.Count == avant && SommeRevenus(personnes) is { } somme && RevenuFiscalReferenceN2 is { } total && total != somme)
            Ajouter(erreurs, "revenuFiscalReferenceN2", $"Le revenu fiscal de référence du ménage ({Commun.TexteFr.Euros(total)}) n'est pas la somme de ceux des personnes ({Commun.TexteFr.Euros(somme)}).");
        return personnes;
    }

    private static decimal? SommeRevenus(List<PersonneALoger> personnes)
    {
        decimal? somme = null;
        foreach (var p in personnes)
        {
            if (p.RevenuFiscalReferenceN2 is { } r) somme = (somme ?? 0m) + r;
        }
        return somme;
    }

    /// <summary>The key of a person's field, <c>personnes[i].champ</c> (built only for an error).</summary>
    public static string ChampPersonne(int i, string champ) => $"personnes[{i}].{champ}";

    private static List<Ressource> LireRessources(IReadOnlyList<RessourceSaisie?>? saisies, int personne, Dictionary<string, string[]> erreurs)
    {
        var ressources = new List<Ressource>(saisies?.Count ?? 0);
        for (var i = 0; i < (saisies?.Count ?? 0); i++)
        {
            if (saisies![i] is not { } r) continue;
            string? motif = null;
            if (Enumere<TypeRessource>(r.Type) is not { } type) motif = $"Type de ressource « {r.Type?.Trim()} » inconnu ; valeurs admises : {Admises<TypeRessource>()}.";
            else if (r.MontantMensuel is not { } montant) motif = $"Le montant mensuel de la ressource {type} est obligatoire.";
            else if (montant < 0) motif = $"Le montant de la ressource {type} ne peut pas être négatif.";
            else if (montant > BornesSaisie.RessourceMensuelleMaximum) motif = BornesSaisie.AuPlus($"Le montant mensuel de la ressource {type}", BornesSaisie.RessourceMensuelleMaximum);
            else if (Declaree(ressources, type)) motif = $"La ressource {type} est déclarée deux fois.";
            else ressources.Add(new Ressource(type, montant));
            if (motif is not null) Ajouter(erreurs, ChampPersonne(personne, "ressources"), motif);
        }
        return ressources;
    }

    private static bool Declaree(List<Ressource> ressources, TypeRessource type)
    {
        foreach (var r in ressources)
        {
            if (r.Type == type) return true;
        }
        return false;
    }

    private (List<Typologie>, List<CodeInsee>, bool) LireSouhaits(IReadOnlySet<string>? communesEpci, Dictionary<string, string[]> erreurs)
    {
        var typologies = new List<Typologie>();
        for (var i = 0; i < (Souhaits?.Typologies?.Count ?? 0); i++)
        {
            var t = Souhaits!.Typologies![i];
            if (string.IsNullOrWhiteSpace(t)) continue;
            if (!Patrimoine.Typologies.TryParse(t.Trim(), out var typo)) Ajouter(erreurs, "souhaits.typologies", $"Typologie « {t.Trim()} » inconnue (T1 à T6).");
            else if (!typologies.Contains(typo)) typologies.Add(typo);
        }
        if (typologies.Count == 0 && !erreurs.ContainsKey("souhaits.typologies")) Ajouter(erreurs, "souhaits.typologies", "Choisissez au moins une typologie de logement.");

        var communes = new List<CodeInsee>();
        for (var i = 0; i < (Souhaits?.Communes?.Count ?? 0); i++)
        {
            var c = Souhaits!.Communes![i];
            if (string.IsNullOrWhiteSpace(c)) continue;
            if (!CodeInsee.TryCreate(c, out var code)) Ajouter(erreurs, "souhaits.communes", $"« {c.Trim()} » n'est pas un code INSEE de commune (5 caractères, ex. 83137).");
            else if (communesEpci is not null && !communesEpci.Contains(code.Value))
                Ajouter(erreurs, "souhaits.communes", $"La commune {code.Value} n'appartient pas à l'intercommunalité.");
            else if (!communes.Contains(code)) communes.Add(code);
        }
        var toutEpci = Souhaits?.ToutEpci ?? false;
        if (communes.Count == 0 && !toutEpci && !erreurs.ContainsKey("souhaits.communes"))
            Ajouter(erreurs, "souhaits.communes", "Choisissez au moins une commune souhaitée, ou toute l'intercommunalité.");
        if (communes.Count > 0 && toutEpci) Ajouter(erreurs, "souhaits.communes", "Choisir toute l'intercommunalité exclut de lister des communes.");
        if (communes.Count > ContenuDemande.NombreMaximumCommunes) Ajouter(erreurs, "souhaits.communes", $"Choisissez au plus {ContenuDemande.NombreMaximumCommunes} communes.");
        if (Souhaits?.LoyerMaximum <= 0) Ajouter(erreurs, "souhaits.loyerMaximum", "Le loyer maximum souhaité doit être positif.");
        else if (Souhaits?.LoyerMaximum > BornesSaisie.LoyerMensuelMaximum) Ajouter(erreurs, "souhaits.loyerMaximum", BornesSaisie.AuPlus("Le loyer maximum souhaité", BornesSaisie.LoyerMensuelMaximum));
        if (Souhaits?.EtageMaximum < 0) Ajouter(erreurs, "souhaits.etageMaximum", "L'étage maximum ne peut pas être négatif.");
        else if (Souhaits?.EtageMaximum > BornesSaisie.EtageMaximum) Ajouter(erreurs, "souhaits.etageMaximum", $"L'étage maximum est au plus {BornesSaisie.EtageMaximum}.");
        return (typologies, communes, toutEpci);
    }

    /// <summary>
    /// An address that a message can be sent to: one <c>@</c>, a domain with a dot, no space nor control character (a line
    /// break would add headers to the outgoing message).
    /// </summary>
    /// <summary>
    /// The contact details of a demand (postal address, phone, e-mail), read once for every input: the demand's (<see cref="Lire"/>) and the
    /// applicant's correction from the applicant space. Null with the errors keyed by field when they do not hold.
    /// </summary>
    public static Coordonnees? LireCoordonnees(AdresseSaisie? adresse, string? telephone, string? courrielSaisi, bool accepteCourriel, Dictionary<string, string[]> erreurs)
    {
        ArgumentNullException.ThrowIfNull(erreurs);
        var avant = erreurs.Count;
        if (string.IsNullOrWhiteSpace(adresse?.Ligne1)) Ajouter(erreurs, "adresse.ligne1", "L'adresse (voie) est obligatoire.");
        var codePostal = adresse?.CodePostal?.Trim() ?? "";
        if (codePostal.Length == 0) Ajouter(erreurs, "adresse.codePostal", "Le code postal est obligatoire.");
        else if (codePostal.Length != 5 || codePostal.AsSpan().ContainsAnyExceptInRange('0', '9')) Ajouter(erreurs, "adresse.codePostal", $"Le code postal « {codePostal} » doit compter 5 chiffres.");
        if (string.IsNullOrWhiteSpace(adresse?.Commune)) Ajouter(erreurs, "adresse.commune", "La commune de l'adresse est obligatoire.");
        var courriel = courrielSaisi?.Trim() ?? "";
        if (courriel.Length > 0 && !CourrielValide(courriel)) Ajouter(erreurs, "courriel", "L'adresse électronique n'est pas valide (ex. prenom.nom@exemple.fr).");
        if (accepteCourriel && courriel.Length == 0) Ajouter(erreurs, "courriel", "Indiquez l'adresse électronique pour recevoir les avis par courriel.");
        if (erreurs.Count > avant) return null;
        return new Coordonnees(new AdressePostale(adresse!.Ligne1!.Trim(), string.IsNullOrWhiteSpace(adresse.Ligne2) ? null : adresse.Ligne2.Trim(), codePostal, adresse.Commune!.Trim()),
            string.IsNullOrWhiteSpace(telephone) ? null : telephone.Trim(), courriel.Length == 0 ? null : courriel, accepteCourriel);
    }

    public static bool CourrielValide(string courriel)
    {
        if (courriel.Length > LongueurMaximumCourriel) return false;
        foreach (var c in courriel)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"') return false;
        }
        var arobase = courriel.IndexOf('@', StringComparison.Ordinal);
        if (arobase <= 0 || arobase != courriel.LastIndexOf('@')) return false;
        var domaine = courriel.AsSpan(arobase + 1);
        var point = domaine.LastIndexOf('.');
        return point > 0 && point < domaine.Length - 1 && !domaine.StartsWith('.') && !domaine.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>A required value among the names of <typeparamref name="T"/>: missing gives <paramref name="absente"/>, unknown lists the names.</summary>
    private static T? Valeur<T>(string? brut, string champ, string absente, Dictionary<string, string[]> erreurs)
        where T : struct, Enum
    {
        if (Enumere<T>(brut) is { } v) return v;
        Ajouter(erreurs, champ, string.IsNullOrWhiteSpace(brut) && absente.Length > 0 ? absente
            : $"Valeur « {brut?.Trim()} » inconnue ; valeurs admises : {Admises<T>()}.");
        return null;
    }

    /// <summary>An optional value of a person among the names of <typeparamref name="T"/>; the field's key is built only for an error.</summary>
    private static T? Facultatif<T>(string? brut, int personne, string champ, Dictionary<string, string[]> erreurs)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(brut) ? null : Enumere<T>(brut) ?? Valeur<T>(brut, ChampPersonne(personne, champ), "", erreurs);
}
