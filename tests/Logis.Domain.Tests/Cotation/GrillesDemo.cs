using Logis.Domain.Cotation;

namespace Logis.Domain.Tests.Cotation;

/// <summary>The demo grids of data/grilles, loaded once.</summary>
public static class GrillesDemo
{
    public static string Dossier { get; } = TrouverDossier();

    public static string TextePrimo { get; } = File.ReadAllText(Path.Combine(Dossier, "tpm-demo-2026.json"));
    public static string TexteMutation { get; } = File.ReadAllText(Path.Combine(Dossier, "tpm-demo-2026-mutation.json"));

    public static GrilleCompilee Primo { get; } = Charger(TextePrimo);
    public static GrilleCompilee Mutation { get; } = Charger(TexteMutation);

    public static GrilleCompilee Charger(string json)
    {
        var resultat = ChargeurGrille.Charger(json);
        Assert.True(resultat.Reussi, string.Join(Environment.NewLine, resultat.Erreurs));
        return resultat.Grille;
    }

    private static string TrouverDossier()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Logis.slnx"))) return Path.Combine(d.FullName, "data", "grilles");
        }
        throw new DirectoryNotFoundException("Logis.slnx introuvable au-dessus de " + AppContext.BaseDirectory);
    }
}
