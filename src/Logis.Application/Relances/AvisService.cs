using Logis.Domain.Acces;
using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;

namespace Logis.Application.Relances;

/// <summary>Body of POST /api/v1/demandes/{numero}/avertissements: the reason (c or d) and the means (a code of <see cref="LibellesAvertissement.Codes"/>).</summary>
public sealed record AvertissementSaisie(string? Motif, string? Moyen);

/// <summary>Body of POST /api/v1/demandes/{numero}/avis/remise: the warning (c or d), the delivery date (AAAA-MM-JJ) and the proof.</summary>
public sealed record RemiseSaisie(string? Avis, string? RemisLe, string? Preuve);

/// <summary>Body of POST /api/v1/demandes/{numero}/avis/non-distribution: the notice (renouvellement, c or d) and the date of its return.</summary>
public sealed record RetourSaisie(string? Avis, string? Le);

/// <summary>Body of POST /api/v1/demandes/{numero}/avis/preference: whether the online user wants the renewal notice by post as well.</summary>
public sealed record PreferenceAvisSaisie(bool? ParCourrier);

/// <summary>One warning before radiation c) or d), as the demand page shows it.</summary>
public sealed record AvertissementVue(string Code, string Libelle, string Moyen, DateOnly EnvoyeLe, DateOnly? RemisLe, string? Preuve,
    DateOnly? NonDistribueLe, DateOnly? RadiationPossibleLe);

/// <summary>The « Avis et preuves » section of a demand: renewal notice, its channels and deadline, warnings and their proofs.</summary>
public sealed record AvisDemandeVue(string Numero, bool Active, bool PeutAgir, DateOnly FinValidite, DateOnly EnvoiAvis, DateOnly? AvisEnvoyeLe,
    DateOnly? Echeance, DateOnly? AvisNonDistribueLe, string CanauxAvis, bool ServiceEnLigneUtilise, bool AvisPostalDemande,
    IReadOnlyList<AvertissementVue> Avertissements);

/// <summary>
/// The notices' acts an agent or a partner system records (page, API, command line): sending a warning c) or d) by a
/// means that proves delivery, its delivery with the proof, the return of a notice undelivered, the online user's wish
/// for post (R441-2-7, R441-2-8). Each goes through <see cref="DemandesService.AgirAsync"/>: perimeter, role, audit, timeline.
/// </summary>
public sealed class AvisService(DemandesService demandes, OptionsRelances options)
{
    public const string ActionRemise = "demande.remise-avertissement";
    public const string ActionRetour = "demande.avis-non-distribue";
    public const string ActionPreference = "demande.preference-avis";

    /// <summary>The notices of a demand in the agent's perimeter (the same check as every read of the demand).</summary>
    public async Task<Resultat<AvisDemandeVue>> LireAsync(Agent agent, string numero, CancellationToken ct)
    {
        var issue = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!issue.EstReussi) return Resultat.Echec<AvisDemandeVue>(issue.Probleme);
        var d = issue.Valeur!;
        var delais = options.Delais;
        return Resultat.Ok(new AvisDemandeVue(d.Numero.Valeur, d.Statut == StatutDemande.Active, Logis.Domain.Acces.AccesDemandes.PeutAgir(agent.Role),
            d.DateFinValidite, delais.EnvoiAvis(d.DateFinValidite), d.RappelEnvoyeLe, d.EcheanceRenouvellement, d.RappelNonDistribueLe,
            Logis.Domain.Relances.CanauxAvis.Libelle(Logis.Domain.Relances.CanauxAvis.Renouvellement(d)), d.ServiceEnLigneUtilise, d.AvisPostalDemande,
            d.Avertissements.OrderBy(a => a.Motif).Select(a => new AvertissementVue(a.Motif == MotifRadiation.AbsenceDeReponse ? "c" : "d",
                a.Motif == MotifRadiation.AbsenceDeReponse ? AvisDemande.AvertissementAbsenceDeReponse.Libelle() : AvisDemande.AvertissementIrrecevabilite.Libelle(),
                a.Moyen.Libelle(), a.EnvoyeLe, a.RemisLe, a.Preuve, a.NonDistribueLe, a.RadiationPossibleLe)).ToList()));
    }

    public Task<Resultat<Demande>> AvertirAsync(Agent agent, string numero, AvertissementSaisie saisie, CancellationToken ct)
    {
        var erreurs = new Dictionary<string, string[]>();
        var motif = LireMotif(saisie.Motif, "motif", erreurs);
        var moyen = MoyenAvertissement.LettreRecommandeeAvecAccuseReception;
        if (saisie.Moyen is not null && !LibellesAvertissement.Codes.TryGetValue(saisie.Moyen.Trim(), out moyen))
            erreurs["moyen"] = [$"Le moyen vaut {string.Join(" ou ", LibellesAvertissement.Codes.Keys)} (R441-2-8 : un moyen prouvant la remise)."];
        return demandes.AgirAsync(agent, numero,
            motif == MotifRadiation.Irrecevabilite ? ActeDemande.AvertirIrrecevabilite : ActeDemande.AvertirAbsenceDeReponse, ActionsAuditRelances.Avertissement, (d, quand, acteur) => d.Avertir(motif, moyen, quand, acteur), ct,
            Invalide(erreurs));
    }

    public Task<Resultat<Demande>> NoterRemiseAsync(Agent agent, string numero, RemiseSaisie saisie, CancellationToken ct)
    {
        var erreurs = new Dictionary<string, string[]>();
        var motif = LireMotif(saisie.Avis, "avis", erreurs);
        var remisLe = LireDate(saisie.RemisLe, "remisLe", "la date de remise", erreurs);
        return demandes.AgirAsync(agent, numero, ActeDemande.NoterAvis, ActionRemise,
            (d, quand, acteur) => d.NoterRemiseAvertissement(motif, remisLe, saisie.Preuve, options.Delais, quand, acteur), ct, Invalide(erreurs));
    }

    public Task<Resultat<Demande>> NoterRetourAsync(Agent agent, string numero, RetourSaisie saisie, CancellationToken ct)
    {
        var erreurs = new Dictionary<string, string[]>();
        var avis = AvisDemande.Renouvellement;
        if (saisie.Avis is null || !LibellesAvertissement.CodesAvis.TryGetValue(saisie.Avis.Trim().ToLowerInvariant(), out avis))
            erreurs["avis"] = ["L'avis vaut renouvellement, c ou d."];
        var le = LireDate(saisie.Le, "le", "la date du retour", erreurs);
        return demandes.AgirAsync(agent, numero, ActeDemande.NoterAvis, ActionRetour, (d, quand, acteur) => d.NoterAvisNonDistribue(avis, le, quand, acteur), ct, Invalide(erreurs));
    }

    public Task<Resultat<Demande>> NoterPreferenceAsync(Agent agent, string numero, PreferenceAvisSaisie saisie, CancellationToken ct)
    {
        var invalide = saisie.ParCourrier is null
            ? Resultat.Invalide<Demande>("La demande comporte des erreurs.", new Dictionary<string, string[]> { ["parCourrier"] = ["Indiquez true ou false."] })
            : null;
        return demandes.AgirAsync(agent, numero, ActeDemande.NoterAvis, ActionPreference, (d, quand, acteur) => d.NoterPreferenceAvis(saisie.ParCourrier!.Value, quand, acteur), ct, invalide);
    }

    private static MotifRadiation LireMotif(string? code, string champ, Dictionary<string, string[]> erreurs)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "c": return MotifRadiation.AbsenceDeReponse;
            case "d": return MotifRadiation.Irrecevabilite;
            default:
                erreurs[champ] = ["L'avertissement vaut c (absence de réponse) ou d (irrecevabilité), R441-2-8."];
                return MotifRadiation.AbsenceDeReponse;
        }
    }

    private static DateOnly LireDate(string? texte, string champ, string nom, Dictionary<string, string[]> erreurs)
    {
        if (DateOnly.TryParseExact(texte?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var jour)) return jour;
        erreurs[champ] = [$"Indiquez {nom} au format AAAA-MM-JJ."];
        return default;
    }

    private static Resultat<Demande>? Invalide(Dictionary<string, string[]> erreurs) =>
        erreurs.Count == 0 ? null : Resultat.Invalide<Demande>("La demande comporte des erreurs.", erreurs);
}
