using Logis.Domain.Pieces;
using Logis.Persistence.Pieces;
using Logis.Persistence.Reference;
using Logis.Application.Pieces;

namespace Logis.Web.Features.Pieces;

/// <summary>Settings of the supporting documents (section « Logis:Pieces »), checked at start.</summary>
public sealed class OptionsPieces
{
    public const string Section = "Logis:Pieces";

    /// <summary><c>Base</c> (default: contents in the database) or <c>Dossier</c> (files under <see cref="Dossier"/>).</summary>
    public ModeStockage Stockage { get; set; } = ModeStockage.Base;

    /// <summary>The folder of the files when <see cref="Stockage"/> is <c>Dossier</c>: outside the web root, backed up with the database.</summary>
    public string? Dossier { get; set; }

    public long TailleMaxOctets { get; set; } = ReglesDepot.TailleMaxParDefaut;

    /// <summary>Available pieces per demand (docs/protection-des-donnees.md §2 item 31).</summary>
    public int NombreMaxParDemande { get; set; } = ReglesDepot.NombreMaxParDefaut;

    /// <summary>Total size of the available pieces of a demand.</summary>
    public long VolumeMaxParDemandeOctets { get; set; } = ReglesDepot.VolumeMaxParDefaut;

    /// <summary>
    /// The clamd daemon that scans every piece (<c>tcp://127.0.0.1:3310</c> or <c>unix:///run/clamav/clamd.ctl</c>); empty: no
    /// antivirus.
    /// </summary>
    public string? Antivirus { get; set; }
}

public static class PiecesServices
{
    /// <summary>Registers the store chosen by configuration, the upload limits and the list of piece types; a wrong setting stops the start.</summary>
    public static IServiceCollection AddPieces(this IServiceCollection services, IConfiguration configuration, ReferenceData reference)
    {
        var options = configuration.GetSection(OptionsPieces.Section).Get<OptionsPieces>() ?? new OptionsPieces();
        var regles = ReglesDepot.Creer(options.TailleMaxOctets, ReglesDepot.LongueurNomMaxParDefaut, options.NombreMaxParDemande, options.VolumeMaxParDemandeOctets);
        if (!regles.EstReussi) throw new InvalidOperationException($"{OptionsPieces.Section} : {string.Join(" ", regles.Erreurs)}");
        IStockagePieces stockage = options.Stockage switch
        {
            ModeStockage.Base => new StockageBase(),
            ModeStockage.Dossier when !string.IsNullOrWhiteSpace(options.Dossier) => new StockageDossier(options.Dossier),
            ModeStockage.Dossier => throw new InvalidOperationException($"{OptionsPieces.Section}:Dossier est obligatoire quand {OptionsPieces.Section}:Stockage vaut Dossier."),
            _ => throw new InvalidOperationException($"{OptionsPieces.Section}:Stockage vaut Base ou Dossier."),
        };
        services.AddSingleton(stockage);
        services.AddSingleton<IAntivirus>(string.IsNullOrWhiteSpace(options.Antivirus) ? new SansAntivirus() : new AntivirusClamd(options.Antivirus.Trim()));
        services.AddSingleton(regles.Valeur);
        services.AddSingleton(CataloguePiecesCsv.Lire(reference.Dossier));
        services.AddScoped<DepotPieces>();
        services.AddScoped<PiecesService>();
        services.AddScoped<Logis.Application.Espace.PiecesDemandeurService>();
        return services;
    }
}
