using System.Globalization;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Application.Demandes;

public sealed record RessourceSaisie(string? Type, decimal? MontantMensuel);

public sealed record PersonneSaisie(
    string? Nom, string? Prenoms, string? DateNaissance, string? Lien, string? Sexe, string? Nationalite, string? Nir,
    string? SituationProfessionnelle, IReadOnlyList<RessourceSaisie>? Ressources);

public sealed record AdresseSaisie(string? Ligne1, string? Ligne2, string? CodePostal, string? Commune);

public sealed record LogementActuelSaisie(string? Statut, string? Commune, decimal? LoyerMensuel, decimal? Surface);

public sealed record SouhaitsSaisie(
    IReadOnlyList<string>? Typologies, IReadOnlyList<string>? Communes, bool ToutEpci, decimal? LoyerMaximum, int? EtageMaximum,
    bool AscenseurNecessaire, bool AccessiblePmr);

public sealed record HandicapSaisie(bool FauteuilRoulant, bool MobiliteReduite, bool AutreAdaptation);

/// <summary>
/// A demand as typed in the registration form or sent to <c>POST /api/v1/demandes</c>. Values arrive as
/// text (enum names, ISO dates) and are read here, so each error names its field in French.
/// </summary>
public sealed record DemandeSaisie(
    IReadOnlyList<PersonneSaisie>? Personnes,
    AdresseSaisie? Adresse,
    string? Telephone,
    string? Courriel,
    bool AccepteCourriel,
    string? SituationFamiliale,
    decimal? RevenuFiscalReferenceN2,
    LogementActuelSaisie? LogementActuel,
    IReadOnlyList<string>? Motifs,
    string? MotifPrincipal,
    SouhaitsSaisie? Souhaits,
    HandicapSaisie? Handicap,
    string? Canal = null,
    string? DateDepot = null)
{
    /// <summary>Reads the input; on failure, the errors are keyed by field (camelCase path, as in the JSON).</summary>
    public (ContenuDemande? Contenu, Dictionary<string, string[]> Erreurs) Lire()
    {
        var erreurs = new Dictionary<string, string[]>();
        void E(string champ, string message) => erreurs[champ] = [message];

        var personnes = new List<PersonneALoger>();
        if (Personnes is null || Personnes.Count == 0) E("personnes", "Indiquez au moins le demandeur.");
        for (var i = 0; i < (Personnes?.Count ?? 0); i++)
        {
            var p = Personnes![i];
            var prefixe = $"personnes[{i}]";
            if (string.IsNullOrWhiteSpace(p.Nom)) E($"{prefixe}.nom", "Le nom est obligatoire.");
            if (string.IsNullOrWhiteSpace(p.Prenoms)) E($"{prefixe}.prenoms", "Le prénom est obligatoire.");
            var naissance = Date(p.DateNaissance, $"{prefixe}.dateNaissance", "La date de naissance est obligatoire (AAAA-MM-JJ).", erreurs);
            var lien = Enumere<LienPersonne>(p.Lien ?? (i == 0 ? nameof(LienPersonne.Demandeur) : null), $"{prefixe}.lien", "Le lien avec le demandeur est inconnu.", erreurs);
            var sexe = EnumereFacultatif<Sexe>(p.Sexe, $"{prefixe}.sexe", "Le sexe vaut Feminin ou Masculin.", erreurs);
            var nationalite = EnumereFacultatif<Nationalite>(p.Nationalite, $"{prefixe}.nationalite", "La nationalité vaut Francaise, UnionEuropeenne ou HorsUnionEuropeenne.", erreurs);
            Nir? nir = null;
            if (!string.IsNullOrWhiteSpace(p.Nir))
            {
                if (Nir.TryCreate(p.Nir, out var n)) nir = n;
                else E($"{prefixe}.nir", "Le NIR saisi n'est pas valide (15 caractères, clé de contrôle).");
            }
            var situation = EnumereFacultatif<SituationProfessionnelle>(p.SituationProfessionnelle, $"{prefixe}.situationProfessionnelle", "La situation professionnelle est inconnue.", erreurs);
            var ressources = new List<Ressource>();
            foreach (var r in p.Ressources ?? [])
            {
                var type = Enumere<TypeRessource>(r.Type, $"{prefixe}.ressources", "Le type de ressource est inconnu.", erreurs);
                if (r.MontantMensuel is null or < 0) E($"{prefixe}.ressources", "Le montant mensuel des ressources est un nombre positif.");
                else if (type is { } t) ressources.Add(new Ressource(t, r.MontantMensuel.Value));
            }
            if (naissance is { } d && lien is { } l)
                personnes.Add(new PersonneALoger(p.Nom?.Trim() ?? "", p.Prenoms?.Trim() ?? "", d, l, sexe, nationalite, nir, situation, ressources));
        }

        if (Adresse is null || string.IsNullOrWhiteSpace(Adresse.Ligne1)) E("adresse.ligne1", "L'adresse (voie) est obligatoire.");
        if (Adresse is null || string.IsNullOrWhiteSpace(Adresse.CodePostal)) E("adresse.codePostal", "Le code postal est obligatoire.");
        if (Adresse is null || string.IsNullOrWhiteSpace(Adresse.Commune)) E("adresse.commune", "La commune de l'adresse est obligatoire.");
        if (AccepteCourriel && string.IsNullOrWhiteSpace(Courriel)) E("courriel", "Indiquez l'adresse électronique pour recevoir les avis par courriel.");
        var familiale = Enumere<SituationFamiliale>(SituationFamiliale, "situationFamiliale", "La situation familiale est obligatoire.", erreurs);
        if (RevenuFiscalReferenceN2 < 0) E("revenuFiscalReferenceN2", "Le revenu fiscal de référence ne peut pas être négatif.");

        var statutLogement = Enumere<StatutLogementActuel>(LogementActuel?.Statut, "logementActuel.statut", "Le statut du logement actuel est obligatoire.", erreurs);
        CodeInsee? communeActuelle = null;
        if (!string.IsNullOrWhiteSpace(LogementActuel?.Commune))
        {
            if (CodeInsee.TryCreate(LogementActuel.Commune, out var c)) communeActuelle = c;
            else E("logementActuel.commune", "Le code INSEE de la commune doit compter 5 caractères (ex. 83137).");
        }
        if (LogementActuel?.LoyerMensuel < 0) E("logementActuel.loyerMensuel", "Le loyer actuel ne peut pas être négatif.");
        if (LogementActuel?.Surface <= 0) E("logementActuel.surface", "La surface du logement actuel doit être positive.");

        var motifs = new List<MotifDemande>();
        foreach (var m in Motifs ?? [])
        {
            if (Enumere<MotifDemande>(m, "motifs", "Un motif de la demande est inconnu.", erreurs) is { } motif && !motifs.Contains(motif)) motifs.Add(motif);
        }
        var principal = Enumere<MotifDemande>(MotifPrincipal ?? (Motifs is { Count: > 0 } ? Motifs[0] : null), "motifPrincipal", "Le motif principal de la demande est obligatoire.", erreurs);
        if (principal is { } pr && !motifs.Contains(pr)) motifs.Insert(0, pr);

        var typologies = new List<Typologie>();
        foreach (var t in Souhaits?.Typologies ?? [])
        {
            if (Typologies.TryParse(t, out var typo)) { if (!typologies.Contains(typo)) typologies.Add(typo); }
            else E("souhaits.typologies", "Une typologie vaut T1, T2, T3, T4, T5 ou T6.");
        }
        if (typologies.Count == 0 && !erreurs.ContainsKey("souhaits.typologies")) E("souhaits.typologies", "Choisissez au moins une typologie de logement.");
        var communes = new List<CodeInsee>();
        foreach (var c in Souhaits?.Communes ?? [])
        {
            if (CodeInsee.TryCreate(c, out var code)) { if (!communes.Contains(code)) communes.Add(code); }
            else E("souhaits.communes", "Un code INSEE de commune souhaitée est mal formé.");
        }
        var toutEpci = Souhaits?.ToutEpci ?? false;
        if (communes.Count == 0 && !toutEpci && !erreurs.ContainsKey("souhaits.communes"))
            E("souhaits.communes", "Choisissez au moins une commune souhaitée, ou toute l'intercommunalité.");
        if (communes.Count > 0 && toutEpci) E("souhaits.communes", "Choisir toute l'intercommunalité exclut de lister des communes.");
        if (communes.Count > ContenuDemande.NombreMaximumCommunes) E("souhaits.communes", $"Choisissez au plus {ContenuDemande.NombreMaximumCommunes} communes.");
        if (Souhaits?.LoyerMaximum <= 0) E("souhaits.loyerMaximum", "Le loyer maximum souhaité doit être positif.");
        if (Souhaits?.EtageMaximum < 0) E("souhaits.etageMaximum", "L'étage maximum ne peut pas être négatif.");

        if (erreurs.Count > 0) return (null, erreurs);

        var handicap = Handicap is { } h && (h.FauteuilRoulant || h.MobiliteReduite || h.AutreAdaptation)
            ? new BesoinsHandicap(h.FauteuilRoulant, h.MobiliteReduite, h.AutreAdaptation) : null;
        var contenu = ContenuDemande.Creer(
            personnes,
            new Coordonnees(new AdressePostale(Adresse!.Ligne1!.Trim(), string.IsNullOrWhiteSpace(Adresse.Ligne2) ? null : Adresse.Ligne2.Trim(), Adresse.CodePostal!.Trim(), Adresse.Commune!.Trim()),
                string.IsNullOrWhiteSpace(Telephone) ? null : Telephone.Trim(), string.IsNullOrWhiteSpace(Courriel) ? null : Courriel.Trim(), AccepteCourriel),
            familiale!.Value,
            RevenuFiscalReferenceN2,
            new LogementActuel(statutLogement!.Value, communeActuelle, LogementActuel!.LoyerMensuel, LogementActuel.Surface),
            motifs,
            principal!.Value,
            new Souhaits(typologies, communes, toutEpci, Souhaits!.LoyerMaximum, Souhaits.EtageMaximum, Souhaits.AscenseurNecessaire, Souhaits.AccessiblePmr),
            handicap);
        if (!contenu.EstReussi) return (null, new Dictionary<string, string[]> { ["contenu"] = [contenu.Motif!] });
        return (contenu.Valeur, erreurs);
    }

    public (CanalDepot Canal, DateOnly? DateDepot) LireDepot(Dictionary<string, string[]> erreurs)
    {
        var canal = string.IsNullOrWhiteSpace(Canal) ? CanalDepot.Guichet
            : Enumere<CanalDepot>(Canal, "canal", "Le canal vaut EnLigne, Guichet ou Partenaire.", erreurs) ?? CanalDepot.Guichet;
        var depot = string.IsNullOrWhiteSpace(DateDepot) ? (DateOnly?)null : Date(DateDepot, "dateDepot", "La date de dépôt est une date AAAA-MM-JJ.", erreurs);
        return (canal, depot);
    }

    private static DateOnly? Date(string? brut, string champ, string message, Dictionary<string, string[]> erreurs)
    {
        if (DateOnly.TryParseExact(brut?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        erreurs[champ] = [message];
        return null;
    }

    private static T? Enumere<T>(string? brut, string champ, string message, Dictionary<string, string[]> erreurs)
        where T : struct, Enum
    {
        if (!string.IsNullOrWhiteSpace(brut) && !brut.Trim().All(char.IsAsciiDigit) && Enum.TryParse<T>(brut.Trim(), true, out var v) && Enum.IsDefined(v)) return v;
        erreurs[champ] = [message];
        return null;
    }

    private static T? EnumereFacultatif<T>(string? brut, string champ, string message, Dictionary<string, string[]> erreurs)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(brut) ? null : Enumere<T>(brut, champ, message, erreurs);
}
