using System.Globalization;
using Logis.Domain.Demandes;
using Logis.Domain.Relances;
using Microsoft.Extensions.Logging;

namespace Logis.Application.Relances;

/// <summary>
/// Settings of the daily run, section « Logis:Relances », checked at startup (a bad value stops the start with a French
/// message). The delays of the notices carry their article (R441-2-7, R441-2-8) or say they are a team choice [M]; the
/// others are local choices [M].
/// </summary>
public sealed class OptionsRelances
{
    public const string Section = "Logis:Relances";

    /// <summary>Scheduling in the web app (daily run, nightly rescoring, sending). False: nothing runs by itself.</summary>
    public bool Actif { get; set; } = true;

    /// <summary>French local time of the daily run (HH:mm).</summary>
    public string Heure { get; set; } = "06:00";

    /// <summary>French local time of the nightly rescoring of stored scores (HH:mm); empty: no nightly rescoring.</summary>
    public string? HeureRecalculCotation { get; set; } = "02:00";

    /// <summary>Dossier (files, the demo default) or Journal (log line only).</summary>
    public string Expediteur { get; set; } = "Dossier";

    public string Dossier { get; set; } = Path.Combine("var", "courriers");

    public string AdresseExpediteur { get; set; } = "ne-pas-repondre@logis.example.org";

    public int TentativesMax { get; set; } = 3;

    public int DelaiEntreTentativesMinutes { get; set; } = 15;

    public int IntervalleEnvoiMinutes { get; set; } = 5;

    /// <summary>R441-2-7 [V]: the renewal notice comes at least this many months before the end of validity (at least 1).</summary>
    public int PreavisRenouvellementMois { get; set; } = DelaisAvis.ParDefaut.PreavisRenouvellementMois;

    /// <summary>[M] The daily run sends the renewal notice this many days before the last legal day (time for the post).</summary>
    public int AnticipationAvisJours { get; set; } = DelaisAvis.ParDefaut.AnticipationAvisJours;

    /// <summary>R441-2-8 c), d) [V]: months between the delivery of a warning and the radiation (at least 1).</summary>
    public int DelaiApresAvertissementMois { get; set; } = DelaisAvis.ParDefaut.DelaiApresAvertissementMois;

    /// <summary>[M] Days after a warning is sent without delivery proof nor return before it is listed to examine.</summary>
    public int AttentePreuveJours { get; set; } = DelaisAvis.ParDefaut.AttentePreuveJours;

    /// <summary>[M] The run sends the warning d) itself after a CALEOL inadmissibility decision.</summary>
    public bool AvertirApresIrrecevabilite { get; set; } = true;

    /// <summary>Months a radiated demand is kept before the daily run deletes it (1 to 12, docs/protection-des-donnees.md §2 item 14).</summary>
    public int ConservationDemandesMois { get; set; } = Demandes.PurgeDemandes.DureeMaximumMois;

    public TimeOnly HeureRelances => Lire(Heure, "Heure")!.Value;

    public TimeOnly? HeureRecalcul => Lire(HeureRecalculCotation, "HeureRecalculCotation");

    public DelaisAvis Delais
    {
        get
        {
            var delais = DelaisAvis.Creer(PreavisRenouvellementMois, AnticipationAvisJours, DelaiApresAvertissementMois, AttentePreuveJours);
            return delais.EstReussi ? delais.Valeur : throw new InvalidOperationException($"{Section} : {delais.Motif}");
        }
    }

    public ParametresRelances Parametres => new(Delais, AvertirApresIrrecevabilite);

    public PolitiqueEnvoi Politique => new(TentativesMax, TimeSpan.FromMinutes(DelaiEntreTentativesMinutes));

    public void Valider()
    {
        _ = HeureRelances;
        _ = HeureRecalcul;
        _ = Delais;
        if (Expediteur is not ("Dossier" or "Journal"))
            throw new InvalidOperationException($"{Section}:Expediteur vaut Dossier ou Journal (reçu « {Expediteur} »).");
        if (Expediteur == "Dossier" && string.IsNullOrWhiteSpace(Dossier))
            throw new InvalidOperationException($"{Section}:Dossier est obligatoire avec l'expéditeur Dossier.");
        if (TentativesMax is < 1 or > 20) throw new InvalidOperationException($"{Section}:TentativesMax est compris entre 1 et 20.");
        if (DelaiEntreTentativesMinutes is < 1 or > 1440) throw new InvalidOperationException($"{Section}:DelaiEntreTentativesMinutes est compris entre 1 et 1440.");
        if (IntervalleEnvoiMinutes is < 1 or > 1440) throw new InvalidOperationException($"{Section}:IntervalleEnvoiMinutes est compris entre 1 et 1440.");
        if (Demandes.PurgeDemandes.Erreur(ConservationDemandesMois) is { } erreur) throw new InvalidOperationException($"{Section}:ConservationDemandesMois : {erreur}");
    }

    public IExpediteurMessages CreerExpediteur(ILogger journal) =>
        Expediteur == "Journal" ? new ExpediteurJournal(journal) : new ExpediteurDossier(Dossier, AdresseExpediteur);

    private static TimeOnly? Lire(string? valeur, string nom)
    {
        if (nom != "Heure" && string.IsNullOrWhiteSpace(valeur)) return null;
        if (TimeOnly.TryParseExact(valeur, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var h)) return h;
        throw new InvalidOperationException($"{Section}:{nom} doit être une heure HH:mm (reçu « {valeur} »).");
    }
}
