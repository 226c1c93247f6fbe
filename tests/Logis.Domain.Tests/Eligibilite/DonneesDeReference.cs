using Logis.Domain.Eligibilite;

namespace Logis.Domain.Tests.Eligibilite;

/// <summary>The reference data files shipped in data/reference, found from the test binaries.</summary>
internal static class DonneesDeReference
{
    public static readonly string FichierPlafonds = Chemin("data/reference/plafonds_ressources_logement_social_2020_2026.csv");

    /// <summary>The real ceiling tables, read once through the domain's own parser.</summary>
    public static readonly BaremePlafonds Plafonds = ChargerPlafonds();

    private static BaremePlafonds ChargerPlafonds()
    {
        using var lecteur = File.OpenText(FichierPlafonds);
        var lignes = LecteurPlafondsCsv.Lire(lecteur);
        if (!lignes.EstReussi) throw new InvalidOperationException(string.Join(Environment.NewLine, lignes.Erreurs));
        var bareme = BaremePlafonds.Creer(lignes.Valeur);
        if (!bareme.EstReussi) throw new InvalidOperationException(string.Join(Environment.NewLine, bareme.Erreurs));
        return bareme.Valeur;
    }

    private static string Chemin(string relatif)
    {
        for (var dossier = new DirectoryInfo(AppContext.BaseDirectory); dossier is not null; dossier = dossier.Parent)
        {
            if (File.Exists(Path.Combine(dossier.FullName, "Logis.slnx"))) return Path.Combine(dossier.FullName, relatif);
        }
        throw new InvalidOperationException($"Logis.slnx introuvable au-dessus de {AppContext.BaseDirectory}.");
    }
}
