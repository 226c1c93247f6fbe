using System.Globalization;
using System.Text;
using Logis.Domain.Statistiques;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Logis.Application.Mixite;

/// <summary>A table of the social-mix pages as exported: a title, column names, rows of cells (a number, a text, or null for a masked figure).</summary>
public sealed record TableauExport(string Nom, string Titre, IReadOnlyList<string> Colonnes, IReadOnlyList<IReadOnlyList<object?>> Lignes);

/// <summary>
/// Every table of the social-mix dashboard to CSV and XLSX (docs/mixite.md): built from the same <see cref="IndicateursVue"/> as the page, so an
/// export never shows what the page masks — a masked count reads « moins de 5 », a masked rate « non diffusé ». CSV: semicolon-separated, UTF-8
/// with BOM, decimal comma (a French spreadsheet opens it as is).
/// </summary>
public static class ExportsMixite
{
    public static readonly IReadOnlyList<string> Tables = ["objectifs", "quartiles", "bailleur", "reservataire", "commune", "qpv", "mois", "preference", "tension"];

    private static object Compte(int? n) => n is { } x ? x : SecretStatistique.Libelle;
    private static object Taux(decimal? t) => t is { } x ? x : "non diffusé";

    /// <summary>The table named <paramref name="nom"/> (one of <see cref="Tables"/>); null when there is none of that name.</summary>
    public static TableauExport? Tableau(IndicateursVue v, string? nom)
    {
        ArgumentNullException.ThrowIfNull(v);
        switch (nom)
        {
            case "objectifs":
                return new TableauExport(nom, $"Objectifs de mixité {v.Annee} ({v.Perimetre})",
                    ["Objectif", "Périmètre", "Taux légal", "Cible (%)", "Baux", "Atteint", "Taux atteint (%)", "Manquants", "En retard", "Baux hors mutations",
                        "Taux hors mutations (%)", "Manquants hors mutations"],
                    [.. v.Objectifs.Select(o => (IReadOnlyList<object?>)[o.Libelle, o.Perimetre, o.Legal ? "oui" : "non", o.Cible, Compte(o.Baux),
                        o.SeuilManquant ? "seuil manquant" : Compte(o.NombreAtteint), o.SeuilManquant ? "seuil manquant" : Taux(o.TauxAtteint),
                        o.SeuilManquant ? "seuil manquant" : Compte(o.NombreManquant), o.Alerte ? "oui" : "non", Compte(o.SansMutations.Baux),
                        o.SeuilManquant ? "seuil manquant" : Taux(o.SansMutations.TauxAtteint), o.SeuilManquant ? "seuil manquant" : Compte(o.SansMutations.NombreManquant)])]);
            case "quartiles":
                return new TableauExport(nom, $"Baux {v.Annee} par situation et quartile ({v.Perimetre})",
                    ["Situation", "Baux", "Premier quartile", "Autres quartiles", "Quartile inconnu", "Relogements ANRU ou ORCOD (tout quartile)"],
                    [.. v.Quartiles.Select(q => (IReadOnlyList<object?>)[q.Situation, Compte(q.Baux), Compte(q.PremierQuartile), Compte(q.AutresQuartiles), Compte(q.Inconnu),
                        Compte(q.RelogementsRenouvellement)])]);
            case "preference":
                return new TableauExport(nom, $"Préférence communale {v.Annee}",
                    ["Code INSEE", "Commune", "Baux", "Part des baux aux habitants (%)", "Demandes la souhaitant", "Part des habitants dans la demande (%)", "Écart (points)"],
                    [.. v.PreferenceCommunale.Select(p => (IReadOnlyList<object?>)[p.CommuneInsee, p.Commune, Compte(p.Baux), Taux(p.PartBauxResidents), Compte(p.Demandes),
                        Taux(p.PartDemandesResidents), Taux(p.Ecart)])]);
            case "tension":
                return new TableauExport(nom, $"Tension et attente {v.Annee} par commune et typologie : demandes actives le {v.DemandesActivesLe:dd/MM/yyyy}, baux signés en {v.Annee}",
                    ["Code INSEE", "Commune", "Typologie", "Demandes actives", "Baux", "Demandes par bail", "Attente : premier quartile (mois)", "Attente : médiane (mois)",
                        "Attente : troisième quartile (mois)"],
                    [.. v.Tension.Select(t => (IReadOnlyList<object?>)[t.CommuneInsee ?? "", t.Commune, t.Typologie ?? "Toutes", Compte(t.DemandesActives), Compte(t.Baux),
                        Taux(t.Tension), Taux(t.AttenteQ1Mois), Taux(t.AttenteMedianeMois), Taux(t.AttenteQ3Mois)])]);
            default:
                var r = v.Repartitions.FirstOrDefault(x => x.Dimension == nom);
                if (r is null) return null;
                return new TableauExport(r.Dimension, $"Baux {v.Annee} {r.Titre.ToLowerInvariant()} ({v.Perimetre})",
                    ["Groupe", "Baux", "Baux hors QPV", "Premier quartile ou relogés hors QPV (%)", "Baux en QPV", "Autres quartiles en QPV (%)", "Prioritaires ou DALO (%)", "Mutations (%)"],
                    [.. r.Lignes.Select(l => (IReadOnlyList<object?>)[l.Cle, Compte(l.Baux), Compte(l.BauxHorsQpv), Taux(l.TauxQ1HorsQpv), Compte(l.BauxEnQpv),
                        Taux(l.TauxHorsQ1EnQpv), Taux(l.TauxPrioritaires), Taux(l.TauxMutations)])]);
        }
    }

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    private static string Cellule(object? o)
    {
        var s = o switch
        {
            null => "",
            decimal d => d.ToString("0.##", Fr),
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => o.ToString() ?? "",
        };
        return s.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    public static byte[] Csv(TableauExport t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var s = new StringBuilder();
        s.Append(string.Join(';', t.Colonnes.Select(Cellule))).Append("\r\n");
        foreach (var l in t.Lignes) s.Append(string.Join(';', l.Select(Cellule))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(s.ToString())];
    }

    public static byte[] Xlsx(TableauExport t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var lignes = t.Lignes.Select(l =>
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < t.Colonnes.Count; i++) d[t.Colonnes[i]] = l[i];
            return d;
        }).ToList();
        using var flux = new MemoryStream();
        MiniExcel.SaveAs(flux, lignes, sheetName: t.Nom, excelType: MiniExcelLibs.ExcelType.XLSX);
        return flux.ToArray();
    }
}
