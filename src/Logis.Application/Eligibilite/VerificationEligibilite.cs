using Logis.Domain.Demandes;
using Logis.Domain.Commun;
using System.Globalization;
using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Eligibilite;

/// <summary>A person as typed by the applicant or sent by a partner system: texts are read here, with French errors.</summary>
public sealed record PersonneEligibilite(string? DateNaissance, string? Lien, bool Handicap = false, bool ACharge = false, bool GardeAlternee = false);

/// <summary>
/// The question "is this household eligible?": the place (a commune, or directly a ceiling zone),
/// the year of the ceilings, the financings to check, the household and its income.
/// <paramref name="DateReference"/> defaults to today; <paramref name="Annee"/> to the year of the reference date.
/// </summary>
public sealed record DemandeVerification(
    int? Annee,
    string? CommuneInsee,
    string? Zone,
    IReadOnlyList<Financement> Financements,
    IReadOnlyList<PersonneEligibilite>? Personnes,
    decimal? RevenuFiscalReference,
    string? DateReference);

/// <summary>The answer: one reasoned decision of the domain per financing asked, for the commune or zone.</summary>
public sealed record ResultatVerification(
    Commune? Commune,
    ZonePlafond Zone,
    int Annee,
    DateOnly DateReference,
    Menage Menage,
    IReadOnlyList<DecisionEligibilite> Decisions);

/// <summary>Either a result, or every problem of the question keyed by field (the API's JSON paths, see <see cref="VerificationEligibilite.Champs"/>).</summary>

/// <summary>
/// Use case shared by the public page « Suis-je éligible ? » and POST /api/v1/eligibilite: reads the
/// question, resolves the commune's ceiling zone, builds the household (Menage.Creer lists every
/// problem) and asks the domain engine. No personal data is stored or logged.
/// </summary>
public sealed class VerificationEligibilite(LogisDbContext db, ReferentielEligibilite referentiel, TimeProvider horloge)
{
    /// <summary>The bound of every channel (<see cref="BornesSaisie"/>): the check answers for a household a demand could hold.</summary>
    public const int PersonnesMax = BornesSaisie.PersonnesMaximum;

    /// <summary>Field keys of the errors, as the JSON paths of the API request.</summary>
    public static class Champs
    {
        public const string Annee = "annee";
        public const string CommuneInsee = "communeInsee";
        public const string Zone = "zone";
        public const string Financement = "financement";
        public const string Menage = "menage";
        public const string Personnes = "menage.personnes";
        public const string Revenu = "menage.revenuFiscalReference";
        public const string DateReference = "dateReference";

        public static string Personne(int index) => $"menage.personnes[{index}]";

        public static string DateNaissance(int index) => $"{Personne(index)}.dateNaissance";

        public static string Lien(int index) => $"{Personne(index)}.lien";

        public static string ACharge(int index) => $"{Personne(index)}.aCharge";
    }

    /// <summary>The link codes of the API, in the order of the Cerfa 14069.</summary>
    public static readonly IReadOnlyList<LienPersonne> Liens = Enum.GetValues<LienPersonne>();

    public static string CodeLien(LienPersonne lien) => lien.ToString().ToLowerInvariant();

    public static bool TryLireLien(string? texte, out LienPersonne lien)
    {
        lien = Liens.FirstOrDefault(l => string.Equals(CodeLien(l), texte?.Trim(), StringComparison.OrdinalIgnoreCase));
        return lien != default;
    }

    /// <summary>Today, in the server's civil time.</summary>
    public DateOnly Aujourdhui => horloge.AujourdhuiEnFrance();

    public IReadOnlyList<int> AnneesConnues => referentiel.Bareme.Annees;

    public async Task<Resultat<ResultatVerification>> VerifierAsync(DemandeVerification demande, CancellationToken ct)
    {
        var erreurs = new Dictionary<string, List<string>>();
        void Ajouter(string champ, string message)
        {
            if (!erreurs.TryGetValue(champ, out var liste)) erreurs[champ] = liste = [];
            liste.Add(message);
        }

        var dateReference = Aujourdhui;
        if (demande.DateReference is { } texteDate)
        {
            if (TryLireDate(texteDate, out var d)) dateReference = d;
            else Ajouter(Champs.DateReference, $"La date de référence « {texteDate} » n'est pas une date (format AAAA-MM-JJ, par exemple 2026-01-15).");
        }

        var annee = demande.Annee ?? dateReference.Year;
        if (!AnneesConnues.Contains(annee))
            Ajouter(Champs.Annee, $"Les plafonds de ressources de l'année {annee} ne sont pas connus de Logis (années connues : {string.Join(", ", AnneesConnues)}).");

        if (demande.Financements.Count == 0)
            Ajouter(Champs.Financement, "Indiquez le financement du logement : PLAI, PLUS ou PLS.");
        foreach (var f in demande.Financements.Where(f => f is not (Financement.Plai or Financement.Plus or Financement.Pls)).Distinct())
            Ajouter(Champs.Financement, $"Le financement {f.Libelle()} n'a pas de plafond dans les données de référence : PLAI, PLUS ou PLS.");

        var (commune, zone) = await LieuAsync(demande, Ajouter, ct);

        var personnes = LirePersonnes(demande.Personnes, Ajouter);
        if (demande.RevenuFiscalReference is null)
            Ajouter(Champs.Revenu, $"Indiquez le revenu fiscal de référence {annee - 2} du ménage, en euros.");
        else if (demande.RevenuFiscalReference > BornesSaisie.RevenuFiscalMaximum)
            Ajouter(Champs.Revenu, BornesSaisie.AuPlus("Le revenu fiscal de référence", BornesSaisie.RevenuFiscalMaximum));

        Menage? menage = null;
        if (personnes is not null && demande.RevenuFiscalReference is { } revenu)
        {
            var resultat = Menage.Creer(personnes, RevenuRetenu.RevenuFiscalDeReference(revenu), dateReference);
            if (resultat.EstReussi) menage = resultat.Valeur;
            else
            {
                // The household's errors come by field: only the prefix of this form's names is added.
                foreach (var (champ, messages) in resultat.Probleme.Champs)
                {
                    foreach (var message in messages) Ajouter(champ == Menage.ChampRevenu ? Champs.Revenu : $"{Champs.Menage}.{champ}", message);
                }
            }
        }

        if (erreurs.Count > 0 || menage is null || zone is null)
        {
            if (erreurs.Count == 0) Ajouter(Champs.Menage, "Décrivez le ménage : les personnes et le revenu fiscal de référence.");
            return Resultat.Invalide<ResultatVerification>("La vérification comporte des erreurs.", erreurs.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        var decisions = demande.Financements.Distinct()
            .Select(f => referentiel.Moteur.VerifierEligibilite(annee, zone.Value, f, menage))
            .ToList();
        return Resultat.Ok(new ResultatVerification(commune, zone.Value, annee, dateReference, menage, decisions));
    }

    /// <summary>The communes of the territories hosted by this instance, for the public form, grouped by EPCI.</summary>
    public async Task<IReadOnlyList<(Epci Epci, IReadOnlyList<Commune> Communes)>> CommunesHebergeesAsync(CancellationToken ct)
    {
        var sirens = await db.TerritoiresHeberges.AsNoTracking().Select(t => t.EpciSiren).ToListAsync(ct);
        var epcis = await db.Epcis.AsNoTracking().Where(e => sirens.Contains(e.Siren)).ToListAsync(ct);
        var communes = await db.Communes.AsNoTracking().Where(c => db.TerritoiresHeberges.Any(t => t.EpciSiren == c.EpciSiren)).ToListAsync(ct);
        var fr = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);
        return epcis.OrderBy(e => e.Nom, fr)
            .Select(e => (e, (IReadOnlyList<Commune>)communes.Where(c => c.EpciSiren == e.Siren).OrderBy(c => c.Nom, fr).ToList()))
            .ToList();
    }

    public static bool TryLireDate(string? texte, out DateOnly date) => Commun.DateSaisie.Lire(texte, out date);

    private async Task<(Commune? Commune, ZonePlafond? Zone)> LieuAsync(DemandeVerification demande, Action<string, string> ajouter, CancellationToken ct)
    {
        var communeDonnee = !string.IsNullOrWhiteSpace(demande.CommuneInsee);
        var zoneDonnee = !string.IsNullOrWhiteSpace(demande.Zone);
        if (communeDonnee == zoneDonnee)
        {
            var message = communeDonnee
                ? "Indiquez soit la commune (communeInsee), soit la zone (zone), pas les deux : la zone se déduit de la commune."
                : "Indiquez la commune du logement (communeInsee, code INSEE) ou directement la zone des plafonds (zone).";
            ajouter(Champs.CommuneInsee, message);
            ajouter(Champs.Zone, message);
            return (null, null);
        }

        if (zoneDonnee)
        {
            if (ZonePlafondNoms.TryParse(demande.Zone, out var zone)) return (null, zone);
            ajouter(Champs.Zone, $"Zone inconnue « {demande.Zone} » : {string.Join(", ", Enum.GetValues<ZonePlafond>().Select(z => z.Code()))}.");
            return (null, null);
        }

        if (!CodeInsee.TryCreate(demande.CommuneInsee, out var code))
        {
            ajouter(Champs.CommuneInsee, $"« {demande.CommuneInsee} » n'est pas un code INSEE de commune (5 caractères, par exemple 83137 pour Toulon).");
            return (null, null);
        }
        var commune = await db.Communes.AsNoTracking().SingleOrDefaultAsync(c => c.CodeInsee == code, ct);
        if (commune is null)
        {
            ajouter(Champs.CommuneInsee, $"Aucune commune de code INSEE {code} n'existe dans le référentiel des communes 2026.");
            return (null, null);
        }
        return (commune, commune.Zone);
    }

    private static List<Personne>? LirePersonnes(IReadOnlyList<PersonneEligibilite>? saisies, Action<string, string> ajouter)
    {
        if (saisies is null || saisies.Count == 0)
        {
            ajouter(Champs.Personnes, "Le ménage ne compte aucune personne : indiquez au moins le demandeur.");
            return null;
        }
        if (saisies.Count > PersonnesMax)
        {
            ajouter(Champs.Personnes, $"Le ménage compte {saisies.Count} personnes : ce service en vérifie {PersonnesMax} au plus.");
            return null;
        }

        var personnes = new List<Personne>();
        var valide = true;
        for (var i = 0; i < saisies.Count; i++)
        {
            var s = saisies[i];
            var qui = $"Personne {i + 1}";
            DateOnly naissance = default;
            if (string.IsNullOrWhiteSpace(s.DateNaissance))
            {
                ajouter(Champs.DateNaissance(i), $"{qui} : indiquez la date de naissance.");
                valide = false;
            }
            else if (!TryLireDate(s.DateNaissance, out naissance))
            {
                ajouter(Champs.DateNaissance(i), $"{qui} : « {s.DateNaissance} » n'est pas une date (format AAAA-MM-JJ, par exemple 1990-05-31).");
                valide = false;
            }
            if (!TryLireLien(s.Lien, out var lien))
            {
                ajouter(Champs.Lien(i), string.IsNullOrWhiteSpace(s.Lien)
                    ? $"{qui} : indiquez son lien avec le demandeur ({string.Join(", ", Liens.Select(CodeLien))})."
                    : $"{qui} : lien « {s.Lien} » inconnu ({string.Join(", ", Liens.Select(CodeLien))}).");
                valide = false;
            }
            if (valide) personnes.Add(new Personne(naissance, lien, s.Handicap, s.ACharge, s.GardeAlternee));
        }
        return valide ? personnes : null;
    }
}
