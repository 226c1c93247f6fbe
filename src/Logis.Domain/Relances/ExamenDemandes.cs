using Logis.Domain.Demandes;

namespace Logis.Domain.Relances;

/// <summary>Why an active demand is listed for an agent to examine (page /relances/a-examiner).</summary>
public enum MotifExamen
{
    /// <summary>Expired, and not radiable yet: no renewal notice was sent, or a late one whose deadline runs (R441-2-7).</summary>
    ExpireeNonRadiable = 1,
    /// <summary>The renewal notice came back undelivered: the run does not radiate, an agent decides.</summary>
    AvisRenouvellementNonDistribue = 2,
    /// <summary>A warning (R441-2-8 c, d) was sent some time ago and neither its delivery nor its return is recorded.</summary>
    AvertissementSansPreuve = 3,
    /// <summary>A warning came back undelivered: a new one is needed before radiation c) or d).</summary>
    AvertissementNonDistribue = 4,
}

/// <summary>The pure rule of the list of demands to examine: the reasons of one demand on one day.</summary>
public static class ExamenDemandes
{
    public static IReadOnlyList<MotifExamen> Motifs(Demande demande, DateOnly jour, DelaisAvis delais)
    {
        if (demande.Statut != StatutDemande.Active) return [];
        var motifs = new List<MotifExamen>();
        if (demande.RappelNonDistribueLe is not null) motifs.Add(MotifExamen.AvisRenouvellementNonDistribue);
        else if (demande.EstExpiree(jour) && !demande.RadiationPossible(MotifRadiation.NonRenouvellement, jour).EstReussi)
            motifs.Add(MotifExamen.ExpireeNonRadiable);
        if (demande.Avertissements.Any(a => a.RemisLe is null && a.NonDistribueLe is null && jour > a.EnvoyeLe.AddDays(delais.AttentePreuveJours)))
            motifs.Add(MotifExamen.AvertissementSansPreuve);
        if (demande.Avertissements.Any(a => a.NonDistribueLe is not null)) motifs.Add(MotifExamen.AvertissementNonDistribue);
        return motifs;
    }

    public static string Libelle(this MotifExamen motif) => motif switch
    {
        MotifExamen.ExpireeNonRadiable => "Expirée, pas encore radiable (avis de renouvellement à envoyer ou délai en cours)",
        MotifExamen.AvisRenouvellementNonDistribue => "Avis de renouvellement revenu non distribué",
        MotifExamen.AvertissementSansPreuve => "Avertissement sans preuve de remise",
        MotifExamen.AvertissementNonDistribue => "Avertissement revenu non distribué",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    /// <summary>The codes of the API and the command line.</summary>
    public static string Code(this MotifExamen motif) => motif switch
    {
        MotifExamen.ExpireeNonRadiable => "expiree_non_radiable",
        MotifExamen.AvisRenouvellementNonDistribue => "avis_non_distribue",
        MotifExamen.AvertissementSansPreuve => "avertissement_sans_preuve",
        MotifExamen.AvertissementNonDistribue => "avertissement_non_distribue",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };
}
