using Logis.Application.Cotation;
using Logis.Domain.Commun;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Logis.Domain.Cotation;
using Logis.Domain.Territoire;
using Logis.Persistence.Reference;
using Spectre.Console;

namespace Logis.Cli.Cotation;

/// <summary>What <c>logis cotation comparer</c> was asked.</summary>
public sealed record ParametresComparaison(string Brouillon, string Epci, string? Sortie, string? DossierGrilles, DateOnly Date);

/// <summary><c>logis cotation …</c>: work on cotation grids from the command line.</summary>
public static class CommandesCotation
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static Command Cotation()
    {
        var cmd = new Command("cotation", "Grilles de cotation : simuler un brouillon avant son adoption");
        cmd.Subcommands.Add(Comparer());
        cmd.Subcommands.Add(CommandesRecalcul.Recalculer());
        return cmd;
    }

    private static Command Comparer()
    {
        var brouillon = new Option<string>("--brouillon") { Description = "Fichier JSON du brouillon de grille", Required = true };
        var epci = new Option<string>("--epci") { Description = "SIREN de l'EPCI", DefaultValueFactory = _ => "248300543" };
        var graine = new Option<int>("--graine") { Description = "Graine du générateur de demandes (même graine, mêmes demandes)", DefaultValueFactory = _ => 2026 };
        var demandes = new Option<int?>("--demandes") { Description = "Nombre de demandes synthétiques (par défaut : le volume du territoire)" };
        var sortie = new Option<string?>("--sortie") { Description = "Écrit le rapport en Markdown dans ce fichier (ex. rapport.md)" };
        var grilles = new Option<string?>("--grilles") { Description = "Dossier des grilles adoptées (par défaut : data/grilles)" };
        var cmd = new Command("comparer", "Compare un brouillon de grille avec la grille en vigueur sur les demandes du territoire : qui gagne, qui perd, de combien")
        {
            brouillon, epci, graine, demandes, sortie, grilles,
        };
        cmd.SetAction((p, ct) =>
        {
            var parametres = new ParametresComparaison(p.GetValue(brouillon)!, p.GetValue(epci)!, p.GetValue(sortie), p.GetValue(grilles),
                BaseCli.Horloge.AujourdhuiEnFrance());
            // Stored demands when the database holds demands of this EPCI; the synthetic file otherwise (fallback, e.g. no database yet).
            return ComparerAsync(parametres, AnsiConsole.Console, Console.Error,
                () => (ISourceDemandesCotation?)DemandesStockees.SiPresentes(() => BaseCli.Ouvrir(p), parametres.Epci)
                    ?? new DemandesSynthetiques(ReferenceData.Trouver(), p.GetValue(graine), p.GetValue(demandes)), ct);
        });
        return cmd;
    }

    /// <summary>
    /// The command's logic. Exit codes: 0 done, 2 bad input (unreadable or malformed draft, unknown EPCI, no grid in force);
    /// nothing is generated nor written before the draft is found valid.
    /// </summary>
    public static async Task<int> ComparerAsync(ParametresComparaison p, IAnsiConsole console, TextWriter erreurs,
        Func<ISourceDemandesCotation> source, CancellationToken ct)
    {
        if (!Siren.TryCreate(p.Epci, out var siren))
            return await Echec(erreurs, $"--epci doit être un SIREN de 9 chiffres (reçu « {p.Epci} »).");
        if (!File.Exists(p.Brouillon))
            return await Echec(erreurs, $"Brouillon introuvable : {p.Brouillon}.");
        var chargement = ChargeurGrille.Charger(await File.ReadAllTextAsync(p.Brouillon, ct));
        if (!chargement.Reussi)
            return await Echec(erreurs, $"Le brouillon {Path.GetFileName(p.Brouillon)} est invalide, rien n'a été comparé :{Environment.NewLine}"
                + string.Join(Environment.NewLine, chargement.Erreurs.Select(e => $"  {e}")));
        var brouillon = chargement.Grille;
        if (brouillon.Grille.Territoire != siren)
            return await Echec(erreurs, $"Le brouillon est une grille du territoire {brouillon.Grille.Territoire}, pas de {siren} (--epci).");

        if (!GrillesCotation.TryCharger(p.DossierGrilles ?? GrillesCotation.TrouverDossier(), siren, BaseCli.Horloge, out var grilles, out var erreurGrilles))
            return await Echec(erreurs, erreurGrilles!);
        var registre = grilles!.Registre;
        var enVigueur = registre.EnVigueur(siren, brouillon.Grille.Nature, p.Date);
        if (enVigueur is null)
            return await Echec(erreurs, $"Aucune grille {Nature(brouillon.Grille.Nature)} n'est en vigueur le {DateFr(p.Date)} sur le territoire {siren}.");
        var grilleMutationSeparee = registre.EnVigueur(siren, NatureGrille.Mutation, p.Date) is not null;

        ISourceDemandesCotation origine;
        IReadOnlyList<DemandeSimulee> toutes = [];
        try
        {
            origine = source();
            await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(ctx =>
                {
                    var tache = ctx.AddTask("Demandes du territoire", maxValue: 1);
                    var progression = new Progress<(int Fait, int Total)>(a =>
                    {
                        tache.MaxValue = Math.Max(1, a.Total);
                        tache.Value = a.Fait;
                    });
                    toutes = origine.Lire(siren, p.Date, progression, ct);
                    tache.Value = tache.MaxValue;
                    return Task.CompletedTask;
                });
        }
        catch (ArgumentException e)
        {
            return await Echec(erreurs, e.Message);
        }
        // The draft scores the demands its grid scores: mutations go to the mutation grid when the EPCI has one (JeuGrilles.Pour).
        var concernees = toutes.Where(d => brouillon.Grille.Nature == NatureGrille.Mutation ? d.Faits.Mutation : !(grilleMutationSeparee && d.Faits.Mutation)).ToList();
        var rapport = ComparaisonGrilles.Comparer(enVigueur, brouillon, concernees);
        var noms = TrouverNoms();

        Afficher(console, rapport, enVigueur.Grille, brouillon.Grille, origine.Description, noms);
        if (p.Sortie is { } sortie)
        {
            await File.WriteAllTextAsync(sortie, Markdown(rapport, enVigueur.Grille, brouillon.Grille, origine.Description, p.Date, noms), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
            console.MarkupLine($"Rapport écrit : [bold]{Markup.Escape(sortie)}[/]");
        }
        return 0;
    }

    private static void Afficher(IAnsiConsole console, RapportComparaison r, Grille enVigueur, Grille brouillon, string origine, Func<string, string> noms)
    {
        console.MarkupLine($"Brouillon [bold]{Markup.Escape(brouillon.Id)}[/] (version {Markup.Escape(brouillon.Version)}) comparé à la grille en vigueur "
            + $"[bold]{Markup.Escape(enVigueur.Id)}[/] (version {Markup.Escape(enVigueur.Version)}) sur {r.Demandes.ToString("N0", Fr)} demandes ; source : {Markup.Escape(origine)}.");
        if (r.Gagnants + r.Perdants == 0)
        {
            console.MarkupLine($"[green]Aucun changement :[/] le brouillon donne à chacune des {r.Demandes.ToString("N0", Fr)} demandes la même cotation que la grille en vigueur.");
            return;
        }
        console.MarkupLine($"[green]{r.Gagnants.ToString("N0", Fr)} gagnants[/], [red]{r.Perdants.ToString("N0", Fr)} perdants[/], {r.Inchanges.ToString("N0", Fr)} inchangés.");
        var ecarts = new Table().Title("Écarts de cotation").AddColumn("Écart (points)").AddColumn(new TableColumn("Demandes").RightAligned());
        foreach (var (ecart, nombre) in Distribution(r)) ecarts.AddRow(Signe(ecart), nombre.ToString("N0", Fr));
        console.Write(ecarts);
        console.Write(TableAgregats("Par type de ménage", "Type de ménage", r.ParTypeMenage, x => x));
        console.Write(TableAgregats("Par commune de résidence", "Commune", r.ParCommune, noms));
    }

    private static Table TableAgregats(string titre, string cle, IReadOnlyList<AgregatEcarts> agregats, Func<string, string> libelle)
    {
        var t = new Table().Title(titre).AddColumn(cle);
        foreach (var c in new[] { "Demandes", "Gagnants", "Perdants", "Écart min", "Écart max", "Écart moyen" }) t.AddColumn(new TableColumn(c).RightAligned());
        foreach (var a in agregats)
        {
            t.AddRow(Markup.Escape(libelle(a.Cle)), a.Demandes.ToString("N0", Fr), a.Gagnants.ToString("N0", Fr), a.Perdants.ToString("N0", Fr),
                Signe(a.EcartMin), Signe(a.EcartMax), a.EcartMoyen.ToString("+0.##;-0.##;0", Fr));
        }
        return t;
    }

    /// <summary>The report for the CIL (commission intercommunale du logement), in plain French Markdown.</summary>
    public static string Markdown(RapportComparaison r, Grille enVigueur, Grille brouillon, string origine, DateOnly date, Func<string, string> noms)
    {
        var sb = new StringBuilder();
        void L(string ligne = "") => sb.Append(ligne).Append('\n');
        L($"# Simulation du brouillon de grille « {brouillon.Libelle} »");
        L();
        L($"Rapport du {DateFr(date)}. Le brouillon **{brouillon.Id}** (version {brouillon.Version}) est comparé à la grille en vigueur "
            + $"**{enVigueur.Id}** (version {enVigueur.Version}, en vigueur depuis le {DateFr(enVigueur.DateEffet)}).");
        L($"Demandes utilisées : {origine} ; {r.Demandes.ToString("N0", Fr)} demandes cotées par cette grille.");
        L();
        L("La cotation aide la commission d'attribution à décider ; ce rapport montre qui le changement de grille favoriserait avant son adoption (CCH L441-2-8).");
        L();
        if (r.Gagnants + r.Perdants == 0)
        {
            L($"**Aucun changement** : le brouillon donne à chacune des {r.Demandes.ToString("N0", Fr)} demandes la même cotation que la grille en vigueur.");
            return sb.ToString();
        }
        L("## En bref");
        L();
        L("| Demandes | Gagnent des points | Perdent des points | Inchangées |");
        L("|---:|---:|---:|---:|");
        L($"| {r.Demandes.ToString("N0", Fr)} | {r.Gagnants.ToString("N0", Fr)} | {r.Perdants.ToString("N0", Fr)} | {r.Inchanges.ToString("N0", Fr)} |");
        L();
        L("## De combien");
        L();
        L("| Écart (points) | Demandes |");
        L("|---:|---:|");
        foreach (var (ecart, nombre) in Distribution(r)) L($"| {Signe(ecart)} | {nombre.ToString("N0", Fr)} |");
        L();
        AgregatsMarkdown(L, "Par type de ménage", "Type de ménage", r.ParTypeMenage, x => x);
        AgregatsMarkdown(L, "Par commune de résidence", "Commune", r.ParCommune, noms);
        return sb.ToString();
    }

    private static void AgregatsMarkdown(Action<string> L, string titre, string cle, IReadOnlyList<AgregatEcarts> agregats, Func<string, string> libelle)
    {
        L($"## {titre}");
        L("");
        L($"| {cle} | Demandes | Gagnent | Perdent | Écart le plus bas | Écart le plus haut | Écart moyen |");
        L("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var a in agregats)
        {
            L($"| {libelle(a.Cle)} | {a.Demandes.ToString("N0", Fr)} | {a.Gagnants.ToString("N0", Fr)} | {a.Perdants.ToString("N0", Fr)} | "
                + $"{Signe(a.EcartMin)} | {Signe(a.EcartMax)} | {a.EcartMoyen.ToString("+0.##;-0.##;0", Fr)} |");
        }
        L("");
    }

    private static IEnumerable<(int Ecart, int Nombre)> Distribution(RapportComparaison r) =>
        r.Changements.GroupBy(c => c.Ecart).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()));

    private static string DateFr(DateOnly d) => d.Day == 1 ? d.ToString("'1er' MMMM yyyy", Fr) : d.ToString("d MMMM yyyy", Fr);

    private static string Signe(int points) => points.ToString("+0;-0;0", Fr);

    private static string Nature(NatureGrille n) => n == NatureGrille.Mutation ? "de mutation" : "primo-demandeurs";

    private static Func<string, string> TrouverNoms()
    {
        Dictionary<string, string> noms;
        try
        {
            noms = ReferenceData.Trouver().Communes().ToDictionary(c => c.CodeInsee.Value, c => c.Nom, StringComparer.Ordinal);
        }
        catch (DirectoryNotFoundException)
        {
            noms = [];
        }
        return code => code is null or "" or "00000" ? "commune non renseignée" : noms.TryGetValue(code, out var nom) ? $"{nom} ({code})" : code;
    }

    private static async Task<int> Echec(TextWriter erreurs, string message)
    {
        await erreurs.WriteLineAsync(message);
        return 2;
    }
}
