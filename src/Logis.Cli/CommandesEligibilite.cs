using Logis.Domain.Commun;
using System.CommandLine;
using System.Globalization;
using Logis.Domain.Eligibilite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence.Reference;
using Spectre.Console;

namespace Logis.Cli;

public static class CommandesEligibilite
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly Financement[] FinancementsAffiches = [Financement.Plai, Financement.Plus, Financement.Pls];

    public static Command Plafonds()
    {
        var annee = new Option<int>("--annee") { Description = "Année des plafonds (par exemple 2026)", Required = true };
        var zone = new Option<string>("--zone")
        {
            Description = $"Zone des plafonds : {string.Join(", ", Enum.GetValues<ZonePlafond>().Select(z => z.Code()))}",
            Required = true,
        };
        var cmd = new Command("plafonds", "Affiche les plafonds de ressources PLAI, PLUS et PLS d'une année et d'une zone, par catégorie de ménage")
        {
            annee, zone,
        };
        cmd.SetAction(p => AfficherPlafonds(p.GetValue(annee), p.GetValue(zone), ReferenceData.Trouver(),
            p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        return cmd;
    }

    /// <summary>
    /// <c>logis plafonds-a-charger [--date AAAA-MM-JJ]</c>: says whether the ceilings of the current year, and from 1 December those of
    /// the next one, are loaded. Exit code 0 when nothing is missing, 3 when a year is flagged (for a monitoring job), 2 for a bad date.
    /// </summary>
    public static Command PlafondsACharger()
    {
        var date = new Option<string?>("--date") { Description = "Jour de la vérification, AAAA-MM-JJ (par défaut : aujourd'hui, heure de Paris)" };
        var cmd = new Command("plafonds-a-charger", "Signale les années de plafonds de ressources non chargées (l'année suivante à partir du 1er décembre)") { date };
        cmd.SetAction(p => VerifierPlafondsACharger(p.GetValue(date), BaseCli.Horloge, ReferenceData.Trouver(), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        return cmd;
    }

    public static int VerifierPlafondsACharger(string? date, TimeProvider horloge, ReferenceData reference, TextWriter sortie, TextWriter erreurs)
    {
        DateOnly jour;
        if (date is null) jour = horloge.AujourdhuiEnFrance();
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out jour))
        {
            erreurs.WriteLine($"Date « {date} » illisible : écrivez-la AAAA-MM-JJ, par exemple 2026-12-01.");
            return 2;
        }
        var bareme = reference.LireBaremePlafonds();
        if (!bareme.EstReussi)
        {
            erreurs.WriteLine($"Le fichier des plafonds de ressources est invalide ({reference.Dossier}) :");
            foreach (var e in bareme.Erreurs) erreurs.WriteLine($"- {e}");
            return 1;
        }
        var avis = VeillePlafonds.Verifier(bareme.Valeur, jour);
        if (avis.Count == 0)
        {
            var suivante = jour >= VeillePlafonds.DebutVeille(jour.Year) ? $" et de {jour.Year + 1}" : "";
            sortie.WriteLine($"Au {jour:dd/MM/yyyy}, les plafonds de ressources de {jour.Year}{suivante} sont chargés.");
            return 0;
        }
        foreach (var a in avis) sortie.WriteLine($"Attention — {a.Message}");
        return 3;
    }

    /// <summary>
    /// Prints the table of ceilings of a year and zone: categories 1 to 6 and the amount per
    /// additional person, for PLAI, PLUS and PLS. Returns 2 for an unknown year or zone, 1 for an
    /// invalid reference file, 0 otherwise.
    /// </summary>
    public static int AfficherPlafonds(int annee, string? codeZone, ReferenceData reference, TextWriter sortie, TextWriter erreurs)
    {
        var lignes = reference.LirePlafonds();
        if (!lignes.EstReussi)
        {
            erreurs.WriteLine($"Le fichier des plafonds de ressources est invalide ({reference.Dossier}) :");
            foreach (var e in lignes.Erreurs) erreurs.WriteLine($"- {e}");
            return 1;
        }

        var annees = lignes.Valeur.Select(l => l.Annee).Distinct().Order().ToList();
        var problemes = new List<string>();
        if (!ZonePlafondNoms.TryParse(codeZone, out var zone))
            problemes.Add($"Zone inconnue « {codeZone} » : indiquez {string.Join(", ", Enum.GetValues<ZonePlafond>().Select(z => z.Code()))}.");
        if (!annees.Contains(annee))
            problemes.Add($"Les plafonds de ressources de l'année {annee} ne sont pas connus de Logis (années connues : {string.Join(", ", annees)}).");
        if (problemes.Count > 0)
        {
            foreach (var p in problemes) erreurs.WriteLine(p);
            return 2;
        }

        var cellules = lignes.Valeur.Where(l => l.Annee == annee && l.Zone == zone)
            .ToDictionary(l => (l.Financement, l.Colonne));
        var table = new Table()
            .Title($"Plafonds de ressources {annee} — zone « {Markup.Escape(zone.Libelle())} » (revenu fiscal de référence {annee - 2}, euros par an)")
            .AddColumn("Catégorie de ménage");
        foreach (var f in FinancementsAffiches) table.AddColumn(new TableColumn(f.Libelle()).RightAligned());

        var derive = false;
        var regle = false;
        foreach (var colonne in Enum.GetValues<ColonnePlafond>())
        {
            var libelle = colonne == ColonnePlafond.ParPersonneSupplementaire ? "Par personne supplémentaire" : $"Catégorie {(int)colonne}";
            var ligne = new List<string> { libelle };
            foreach (var f in FinancementsAffiches)
            {
                if (cellules.TryGetValue((f, colonne), out var c))
                {
                    var estDerive = c.Origine == "calcule_IRL";
                    var estRegle = c.Origine.StartsWith("regle_outre_mer", StringComparison.Ordinal);
                    derive |= estDerive;
                    regle |= estRegle;
                    ligne.Add(c.Montant.ToString("#,##0", Fr) + (estDerive ? " *" : estRegle ? " †" : ""));
                }
                else
                {
                    ligne.Add("—");
                }
            }
            table.AddRow(ligne.Select(Markup.Escape).ToArray());
        }

        var notes = new List<string>
        {
            $"PLAI : {BaremePlafonds.SourceLegale(Financement.Plai, zone)}.",
            $"PLUS : {BaremePlafonds.SourceLegale(Financement.Plus, zone)}.",
            $"PLS : {BaremePlafonds.SourceLegale(Financement.Pls, zone)}.",
        };
        if (derive) notes.Add("* Valeur calculée par revalorisation (IRL), non encore vérifiée sur le texte officiel.");
        if (regle) notes.Add("† Valeur calculée par la règle outre-mer depuis le PLUS « autres régions » (LLS 90 %, LLTS 67,5 %, PLS = LLS + 30 %).");
        if (cellules.Count == 0) notes.Add("Aucun plafond n'est connu pour cette année et cette zone.");

        var console = Console(sortie);
        console.Write(table);
        foreach (var note in notes) console.WriteLine(note);
        return 0;
    }

    /// <summary>The terminal itself, or plain text without colours when the output is redirected (tests, files).</summary>
    private static IAnsiConsole Console(TextWriter sortie) =>
        ReferenceEquals(sortie, System.Console.Out)
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(sortie),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
}
