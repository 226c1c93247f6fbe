using System.CommandLine;
using System.Xml.Linq;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Application.Sne;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Cli;

/// <summary>
/// <c>logis sne exporter|importer</c>: an extract of the demands in the SNE's exchange format (<c>interfaceNuu</c>), written and
/// read with the one mapping of the exchanges (<see cref="FormatSne"/>, docs/sne.md §3). The import goes through the demand
/// file import (all or nothing, numbers kept as they are).
/// </summary>
public static class CommandesSne
{
    public static Command Sne()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", Required = true };
        var fichier = new Option<FileInfo>("--fichier") { Description = "Fichier XML au format d'échange du SNE (interfaceNuu)", Required = true };
        var exporter = new Command("exporter", "Écrit les demandes actives de l'intercommunalité au format d'échange du SNE (sans NIR)") { epci, fichier };
        exporter.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
            var n = await ExporterAsync(db, siren, p.GetValue(fichier)!.FullName, BaseCli.Horloge, ct);
            Console.WriteLine($"{n} demande(s) écrite(s) au format du SNE dans {p.GetValue(fichier)!.FullName}.");
            return 0;
        });
        var essai = new Option<bool>("--essai") { Description = "Analyse seulement : liste les erreurs, n'écrit rien" };
        var importer = new Command("importer", "Importe un extrait au format d'échange du SNE, tout ou rien ; les numéros uniques sont gardés tels quels") { epci, fichier, essai };
        importer.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            var f = p.GetValue(fichier)!;
            if (!f.Exists) return await ErreurAsync($"Fichier introuvable : {f.FullName}");
            XDocument extrait;
            try
            {
                extrait = XDocument.Load(f.FullName);
            }
            catch (System.Xml.XmlException e)
            {
                return await ErreurAsync($"Le fichier n'est pas un XML lisible : {e.Message}");
            }
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct) || !BaseCli.ChargerGrilles(siren, out var grilles)) return 2;
            var issue = await new DemandesService(db, BaseCli.Horloge, grilles!).ImporterAsync(Agent.Exploitant(siren), FormatSne.EnFichierDemandes(extrait), p.GetValue(essai), ct);
            if (!issue.EstReussi) return await ErreurAsync(issue.Motif!);
            var r = issue.Valeur!;
            foreach (var e in r.Rapport.Erreurs) Console.WriteLine($"Demande {e.Ligne - 1}, champ {e.Colonne} : {e.Motif}");
            if (!r.EstValide) return await ErreurAsync($"{r.Rapport.LignesEnErreur} demande(s) en erreur sur {r.Rapport.Lignes} : rien n'a été importé.");
            Console.WriteLine(r.Essai ? $"Essai : les {r.Rapport.Lignes} demandes sont valides ; rien n'a été écrit." : $"{r.Importees} demande(s) importée(s).");
            return 0;
        });
        return new Command("sne", "Extraits au format d'échange du système national d'enregistrement (docs/sne.md)") { exporter, importer };
    }

    /// <summary>Writes the active demands of the EPCI as one extract (typeFichier COP); returns how many.</summary>
    public static async Task<int> ExporterAsync(LogisDbContext db, Siren epci, string chemin, TimeProvider horloge, CancellationToken ct)
    {
        var demandes = await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active)
            .OrderBy(d => d.Numero).ToListAsync(ct);
        await using var flux = File.Create(chemin);
        await FormatSne.Fichier(null, demandes, horloge.GetUtcNow()).SaveAsync(flux, SaveOptions.None, ct);
        return demandes.Count;
    }

    private static async Task<int> ErreurAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
