using System.Globalization;
using Logis.Domain.Cotation;

namespace Logis.Web.Features.Cotation;

/// <summary>A grid's conditions and points in plain French, for the public page (CRPA L311-3-1).</summary>
public static class TexteGrille
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static string Condition(Condition? condition, bool preuveRequise) => condition switch
    {
        null => "toujours",
        FaitVrai f => Fait(f.Fait) is { Type: TypeFait.Justifiable } d
            ? $"{d.Libelle} ({(preuveRequise ? "justificatif validé par un agent habilité" : "situation déclarée")})"
            : Libelle(f.Fait),
        Comparaison c => $"{Libelle(c.Fait)} {Operateur(c.Operateur)} {Valeur(c.Fait, c.Valeur)}",
        Entre e => $"{Libelle(e.Fait)} entre {Valeur(e.Fait, e.Min)} et {Valeur(e.Fait, e.Max)}",
        Parmi p => $"{Libelle(p.Fait)} : {Liste(p.Valeurs.Select(v => Valeur(p.Fait, v)).ToList(), "ou")}",
        Et et => string.Join(" et ", et.Termes.Select(t => Entourer(t, preuveRequise))),
        Ou ou => string.Join(" ou ", ou.Termes.Select(t => Entourer(t, preuveRequise))),
        Non non => $"pas : {Entourer(non.Terme, preuveRequise)}",
        _ => "",
    };

    public static string Points(Critere c) => c.Points switch
    {
        PointsFixes f => Nombre(f.Valeur),
        PointsParUnite u => $"{Nombre(u.ParTranche)} par tranche de {Valeur(u.Fait, u.Tranche)}"
            + (u.AuDelaDe != 0 ? $" au-delà de {Valeur(u.Fait, u.AuDelaDe)}" : ""),
        PointsParPaliers p => string.Join(" ; ", p.Paliers.Select(x => Palier(p.Fait, x))),
        _ => "",
    };

    public static string Nombre(int points) => Math.Abs(points) <= 1 ? $"{points} point" : $"{points.ToString("N0", Fr)} points";

    public static string Mode(GroupeCriteres g) => g.Mode == ModeGroupe.Exclusif
        ? "seul le critère le plus élevé compte"
        : "les points s'additionnent";

    private static string Palier(string fait, Palier p) =>
        (p.AuMoins, p.MoinsDe) switch
        {
            ({ } a, { } m) => $"de {Valeur(fait, a)} à moins de {Valeur(fait, m)} : {Nombre(p.Points)}",
            ({ } a, null) => $"à partir de {Valeur(fait, a)} : {Nombre(p.Points)}",
            (null, { } m) => $"moins de {Valeur(fait, m)} : {Nombre(p.Points)}",
            _ => Nombre(p.Points),
        };

    private static string Entourer(Condition c, bool preuve) =>
        c is Et or Ou ? $"({Condition(c, preuve)})" : Condition(c, preuve);

    private static string Operateur(Operateur o) => o switch
    {
        Domain.Cotation.Operateur.Egal => ":",
        Domain.Cotation.Operateur.Different => "autre que",
        Domain.Cotation.Operateur.Inferieur => "inférieur à",
        Domain.Cotation.Operateur.InferieurOuEgal => "au plus",
        Domain.Cotation.Operateur.Superieur => "supérieur à",
        _ => "au moins",
    };

    private static DefinitionFait? Fait(string nom) => CatalogueFaits.TryTrouver(nom, out var f) ? f : null;

    private static string Libelle(string nom) => Fait(nom)?.Libelle ?? nom;

    private static string Valeur(string nom, double v) => Fait(nom)?.Formater(v) ?? v.ToString(Fr);

    private static string Liste(IReadOnlyList<string> valeurs, string conjonction) =>
        valeurs.Count <= 1 ? string.Join("", valeurs) : $"{string.Join(", ", valeurs.Take(valeurs.Count - 1))} {conjonction} {valeurs[^1]}";
}
