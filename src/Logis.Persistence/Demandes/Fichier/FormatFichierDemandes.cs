using System.Globalization;
using System.Text;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;

namespace Logis.Persistence.Demandes.Fichier;

/// <summary>
/// The demand file format (docs/import-demandes.md): UTF-8, comma separator, RFC 4180 quoting, one header
/// row, one line per demand, the persons to be housed in numbered column groups <c>p1_…</c> to
/// <c>p8_…</c>. Lists inside a field are separated by semicolons. There is never a column for origin or
/// place of birth; the nationality has three classes only; the NIR is optional and never exported.
/// </summary>
public static class FormatFichierDemandes
{
    /// <summary>Persons to be housed a line can hold: the bound of every channel (<see cref="BornesSaisie.PersonnesMaximum"/>).</summary>
    public const int PersonnesMaximum = BornesSaisie.PersonnesMaximum;

    public const string Numero = "numero";
    public const string DateDepot = "date_depot";
    /// <summary>Why the deposit date of a new registration lies more than the bound in the past (written into the timeline).</summary>
    public const string MotifDateDepot = "motif_date_depot";
    public const string Canal = "canal";
    public const string AdresseLigne1 = "adresse_ligne1";
    public const string AdresseLigne2 = "adresse_ligne2";
    public const string CodePostal = "code_postal";
    public const string CommuneAdresse = "commune_adresse";
    public const string Telephone = "telephone";
    public const string Courriel = "courriel";
    public const string AccepteCourriel = "accepte_courriel";
    public const string SituationFamiliale = "situation_familiale";
    public const string RevenuFiscal = "revenu_fiscal_n2";
    public const string LogementStatut = "logement_statut";
    public const string LogementCommune = "logement_commune";
    public const string LogementLoyer = "logement_loyer";
    public const string LogementSurface = "logement_surface";
    public const string Motifs = "motifs";
    public const string MotifPrincipal = "motif_principal";
    public const string Typologies = "typologies";
    public const string CommunesSouhaitees = "communes_souhaitees";
    public const string ToutEpci = "tout_epci";
    public const string LoyerMaximum = "loyer_maximum";
    public const string EtageMaximum = "etage_maximum";
    public const string Ascenseur = "ascenseur";
    public const string AccessiblePmr = "accessible_pmr";
    public const string Handicap = "handicap";
    public const string LogementAide = "logement_aide";
    public const string LogementBailleur = "logement_bailleur";
    public const string LogementDateEntree = "logement_date_entree";
    public const string RecoursDalo = "recours_dalo";
    public const string DateRecoursDalo = "date_recours_dalo";
    /// <summary>A line that fills these three columns is the demand of a legal entity (CCH L442-8-1): headings a), b), h) only.</summary>
    public const string PersonneMoraleRaisonSociale = "personne_morale_raison_sociale";
    public const string PersonneMoraleSiren = "personne_morale_siren";
    public const string PersonneMoraleNature = "personne_morale_nature";

    // Column suffixes of a person group: p1_nom, p1_prenoms, …
    public const string Nom = "nom";
    public const string Prenoms = "prenoms";
    public const string DateNaissance = "date_naissance";
    public const string Lien = "lien";
    public const string Sexe = "sexe";
    public const string Nationalite = "nationalite";
    public const string Nir = "nir";
    public const string SituationPro = "situation_pro";
    public const string Ressources = "ressources";
    public const string CoDemandeur = "codemandeur";
    public const string ACharge = "a_charge";
    public const string Garde = "garde";
    public const string CarteInvalidite = "carte_invalidite";
    public const string RevenuFiscalPersonne = "revenu_fiscal_n2";
    public const string Employeur = "employeur";
    public const string CommuneTravail = "commune_travail";

    public static readonly string[] ColonnesLigne =
    [
        Numero, DateDepot, Canal, AdresseLigne1, AdresseLigne2, CodePostal, CommuneAdresse, Telephone, Courriel, AccepteCourriel,
        SituationFamiliale, RevenuFiscal, LogementStatut, LogementCommune, LogementLoyer, LogementSurface, Motifs, MotifPrincipal,
        Typologies, CommunesSouhaitees, ToutEpci, LoyerMaximum, EtageMaximum, Ascenseur, AccessiblePmr, Handicap,
        LogementAide, LogementBailleur, LogementDateEntree, RecoursDalo, DateRecoursDalo, MotifDateDepot,
        PersonneMoraleRaisonSociale, PersonneMoraleSiren, PersonneMoraleNature,
    ];

    /// <summary>Columns that must be in the header (the others may be left out).</summary>
    public static readonly string[] ColonnesObligatoires =
    [
        AdresseLigne1, CodePostal, CommuneAdresse, SituationFamiliale, LogementStatut, Motifs, Typologies, CommunesSouhaitees,
        Colonne(1, Nom), Colonne(1, Prenoms), Colonne(1, DateNaissance),
    ];

    public static readonly string[] ColonnesPersonne =
    [
        Nom, Prenoms, DateNaissance, Lien, Sexe, Nationalite, Nir, SituationPro, Ressources,
        CoDemandeur, ACharge, Garde, CarteInvalidite, RevenuFiscalPersonne, Employeur, CommuneTravail,
    ];

    public static string Colonne(int personne, string suffixe) => $"p{personne}_{suffixe}";

    /// <summary>
    /// The column map: the field of <see cref="DemandeSaisie"/> each column fills, named as the reader names its errors
    /// (<see cref="DemandeSaisie.Lire"/>). A line is read into those fields and validated like a demand typed in the form
    /// or sent to the API; each error is reported on its column.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ChampsLigne = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DateDepot] = "dateDepot", [MotifDateDepot] = "motifDateDepot", [Canal] = "canal",
        [AdresseLigne1] = "adresse.ligne1", [AdresseLigne2] = "adresse.ligne2", [CodePostal] = "adresse.codePostal", [CommuneAdresse] = "adresse.commune",
        [Telephone] = "telephone", [Courriel] = "courriel", [AccepteCourriel] = "accepteCourriel",
        [SituationFamiliale] = "situationFamiliale", [RevenuFiscal] = "revenuFiscalReferenceN2",
        [LogementStatut] = "logementActuel.statut", [LogementCommune] = "logementActuel.commune",
        [LogementLoyer] = "logementActuel.loyerMensuel", [LogementSurface] = "logementActuel.surface",
        [Motifs] = "motifs", [MotifPrincipal] = "motifPrincipal",
        [Typologies] = "souhaits.typologies", [CommunesSouhaitees] = "souhaits.communes", [ToutEpci] = "souhaits.toutEpci",
        [LoyerMaximum] = "souhaits.loyerMaximum", [EtageMaximum] = "souhaits.etageMaximum",
        [Ascenseur] = "souhaits.ascenseurNecessaire", [AccessiblePmr] = "souhaits.accessiblePmr", [Handicap] = "handicap",
        [LogementAide] = "logementActuel.aideLogementMensuelle", [LogementBailleur] = "logementActuel.bailleur",
        [LogementDateEntree] = "logementActuel.dateEntree", [RecoursDalo] = "recoursDalo", [DateRecoursDalo] = "dateRecoursDalo",
        [PersonneMoraleRaisonSociale] = "personneMorale.raisonSociale", [PersonneMoraleSiren] = "personneMorale.siren",
        [PersonneMoraleNature] = "personneMorale.nature",
    };

    /// <summary>The same map for the columns of a person group (<c>p2_date_naissance</c> fills <c>personnes[k].dateNaissance</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> ChampsPersonne = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Nom] = "nom", [Prenoms] = "prenoms", [DateNaissance] = "dateNaissance", [Lien] = "lien", [Sexe] = "sexe",
        [Nationalite] = "nationalite", [Nir] = "nir", [SituationPro] = "situationProfessionnelle", [Ressources] = "ressources",
        [CoDemandeur] = "coDemandeur", [ACharge] = "aCharge", [Garde] = "garde", [CarteInvalidite] = "carteInvalidite",
        [RevenuFiscalPersonne] = "revenuFiscalReferenceN2", [Employeur] = "employeur", [CommuneTravail] = "communeTravail",
    };

    private static readonly Dictionary<string, string> ColonneDuChamp = ChampsLigne.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);
    private static readonly Dictionary<string, string> SuffixeDuChamp = ChampsPersonne.ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);

    /// <summary>
    /// The column of a field named by the reader; <paramref name="groupes"/> gives the person group (1 to
    /// <see cref="PersonnesMaximum"/>) of each person read, empty groups being skipped. A rule binding several fields is
    /// reported on <c>(demande)</c>.
    /// </summary>
    public static string ColonneDe(string champ, IReadOnlyList<int> groupes)
    {
        if (ColonneDuChamp.TryGetValue(champ, out var colonne)) return colonne;
        if (champ == "personnes") return Colonne(1, Nom);
        if (champ.StartsWith("personnes[", StringComparison.Ordinal) && champ.IndexOf(']', StringComparison.Ordinal) is var fin and > 0
            && int.TryParse(champ.AsSpan(10, fin - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < groupes.Count)
        {
            var suite = champ.AsSpan(fin + 1);
            return suite.Length > 1 && SuffixeDuChamp.TryGetValue(suite[1..].ToString(), out var suffixe) ? Colonne(groupes[k], suffixe) : Colonne(groupes[k], Nom);
        }
        return "(demande)";
    }

    /// <summary>The export header: every column but the NIR (docs/protection-des-donnees.md §2, item 4).</summary>
    public static IReadOnlyList<string> EnteteExport() =>
    [
        .. ColonnesLigne,
        .. Enumerable.Range(1, PersonnesMaximum).SelectMany(i => ColonnesPersonne.Where(c => c != Nir).Select(c => Colonne(i, c))),
    ];

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Montant(decimal m) => m.ToString("0.##", CultureInfo.InvariantCulture);

    public static string OuiNon(bool b) => b ? "oui" : "non";

    /// <summary>One demand as the fields of an export line, in the order of <see cref="EnteteExport"/>.</summary>
    public static IEnumerable<string> Champs(NumeroUnique numero, DateOnly dateDepot, CanalDepot canal, ContenuDemande c)
    {
        var a = c.Contact.Adresse;
        var s = c.Souhaits;
        yield return numero.Valeur;
        yield return Date(dateDepot);
        yield return canal.ToString();
        yield return a.Ligne1;
        yield return a.Ligne2 ?? "";
        yield return a.CodePostal;
        yield return a.Commune;
        yield return c.Contact.Telephone ?? "";
        yield return c.Contact.Courriel ?? "";
        yield return OuiNon(c.Contact.AccepteCourriel);
        yield return c.SituationFamiliale?.ToString() ?? "";
        yield return c.RevenuFiscalReferenceN2 is { } rfr ? Montant(rfr) : "";
        var l = c.LogementActuel;
        yield return l?.Statut.ToString() ?? "";
        yield return l?.Commune?.Value ?? "";
        yield return l?.LoyerMensuel is { } loyer ? Montant(loyer) : "";
        yield return l?.Surface is { } surface ? Montant(surface) : "";
        // The principal reason first: the importer reads it from its own column anyway.
        yield return string.Join(';', c.Motifs);
        yield return c.MotifPrincipal?.ToString() ?? "";
        yield return string.Join(';', s.Typologies);
        yield return string.Join(';', s.Communes.Select(x => x.Value));
        yield return OuiNon(s.ToutEpci);
        yield return s.LoyerMaximum is { } lm ? Montant(lm) : "";
        yield return s.EtageMaximum?.ToString(CultureInfo.InvariantCulture) ?? "";
        yield return OuiNon(s.AscenseurNecessaire);
        yield return OuiNon(s.AccessiblePmr);
        yield return c.Handicap is { } h
            ? string.Join(';', new[] { h.FauteuilRoulant ? "fauteuil" : null, h.MobiliteReduite ? "mobilite" : null, h.AutreAdaptation ? "autre" : null }.OfType<string>())
            : "";
        yield return l?.AideLogementMensuelle is { } aide ? Montant(aide) : "";
        yield return l?.Bailleur ?? "";
        yield return l?.DateEntree is { } entree ? Date(entree) : "";
        yield return OuiNon(c.RecoursDalo is not null);
        yield return c.RecoursDalo?.DateRecours is { } recours ? Date(recours) : "";
        // The reason for an old deposit date is in the timeline, not re-exported: a re-imported line keeps its number, hence its date.
        yield return "";
        yield return c.PersonneMorale?.RaisonSociale ?? "";
        yield return c.PersonneMorale?.Siren.Value ?? "";
        yield return c.PersonneMorale?.Nature.ToString() ?? "";
        for (var i = 0; i < PersonnesMaximum; i++)
        {
            var p = i < c.Personnes.Count ? c.Personnes[i] : null;
            yield return p?.Nom ?? "";
            yield return p?.Prenoms ?? "";
            yield return p is null ? "" : Date(p.DateNaissance);
            yield return p?.Lien.ToString() ?? "";
            yield return p?.Sexe?.ToString() ?? "";
            yield return p?.Nationalite?.ToString() ?? "";
            yield return p?.SituationProfessionnelle?.ToString() ?? "";
            yield return p is null ? "" : string.Join(';', p.Ressources.Select(r => $"{r.Type}={Montant(r.MontantMensuel)}"));
            yield return p is null ? "" : OuiNon(p.CoDemandeur);
            yield return p is null ? "" : OuiNon(p.ACharge);
            yield return p?.Garde?.ToString() ?? "";
            yield return p is null ? "" : OuiNon(p.CarteInvalidite);
            yield return p?.RevenuFiscalReferenceN2 is { } rfrPersonne ? Montant(rfrPersonne) : "";
            yield return p?.Employeur ?? "";
            yield return p?.CommuneTravail?.Value ?? "";
        }
    }

    /// <summary>Writes one CSV record (RFC 4180: quotes when needed, doubled quotes inside; a formula neutralised), ending with CRLF.</summary>
    public static void EcrireLigne(TextWriter w, IEnumerable<string> champs) => w.Write(Ligne(champs));

    /// <summary>Asynchronous form, for writers over a network stream (Kestrel forbids synchronous writes).</summary>
    public static Task EcrireLigneAsync(TextWriter w, IEnumerable<string> champs, CancellationToken ct) => w.WriteAsync(Ligne(champs), ct);

    /// <summary>The record through the product's one CSV cell writer (<see cref="CelluleCsv"/>: quoting and formula neutralisation).</summary>
    private static StringBuilder Ligne(IEnumerable<string> champs) => CelluleCsv.Ligne(champs).Append("\r\n");
}
