namespace Logis.Persistence.Reference;

/// <summary>Finds a folder of <c>data/</c> shipped with Logis: next to the running program, or up from the working directory.</summary>
public static class DossierDonnees
{
    public const string Grilles = "grilles";

    /// <summary>The first <c>data/{sousDossier}</c> holding <paramref name="fichierTemoin"/>; fails with a French message naming both.</summary>
    public static string Trouver(string sousDossier, string fichierTemoin)
    {
        foreach (var depart in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(depart); d is not null; d = d.Parent)
            {
                var candidat = Path.Combine(d.FullName, "data", sousDossier);
                if (File.Exists(Path.Combine(candidat, fichierTemoin))) return candidat;
            }
        }
        throw new DirectoryNotFoundException($"Dossier data/{sousDossier} introuvable (il doit contenir {fichierTemoin}).");
    }

    /// <summary>The cotation grids (<c>data/grilles</c>, recognised by their JSON schema).</summary>
    public static string TrouverGrilles() => Trouver(Grilles, "grille.schema.json");
}
