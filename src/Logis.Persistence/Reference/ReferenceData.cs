using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Eligibilite;
using Logis.Domain.Territoire;

namespace Logis.Persistence.Reference;

/// <summary>
/// Reads the dated public reference data shipped in <c>data/reference</c> (see data/SOURCES.md).
/// Every reader fails with the file name and line number when a line is malformed.
/// </summary>
public sealed class ReferenceData(string dossier)
{
    public string Dossier { get; } = dossier;

    /// <summary>Finds <c>data/reference</c> next to the running program, or up from the working directory.</summary>
    public static ReferenceData Trouver() => new(DossierDonnees.Trouver("reference", "communes_2026.csv"));

    public ZonePlafondResolver ZoneResolver() =>
        new(Lire("paris_communes_limitrophes.csv", r => CodeInsee.Create(r["code_insee"])));

    public IReadOnlyList<Epci> Epcis() => Lire("epci_2026.csv", r => new Epci(
        Siren.Create(r["epci_siren"]), r["nom"], r["type"],
        Entier(r, "population_totale"), Entier(r, "nb_communes")));

    /// <summary>Current communes (type « commune-actuelle ») with the ceiling zone derived from each.</summary>
    public IReadOnlyList<Commune> Communes()
    {
        var zones = ZoneResolver();
        return Lire("communes_2026.csv", r =>
        {
            if (r["type"] != "commune-actuelle") return null;
            var code = CodeInsee.Create(r["code_insee"]);
            var region = r["region"];
            var epci = r["epci_siren"];
            return new Commune(code, r["nom"], r["departement"], region, Entier(r, "population"),
                string.IsNullOrEmpty(epci) ? null : Siren.Create(epci), zones.Resoudre(code, region));
        });
    }

    /// <summary>
    /// The postal codes of each current commune (column <c>codes_postaux</c> of the COG file, La Poste's codes separated by
    /// <c>|</c>), for the demo addresses.
    /// </summary>
    public IReadOnlyDictionary<CodeInsee, string[]> CodesPostaux() =>
        Lire("communes_2026.csv", r => r["type"] != "commune-actuelle" || string.IsNullOrEmpty(r["codes_postaux"]) ? null
            : Tuple.Create(CodeInsee.Create(r["code_insee"]), r["codes_postaux"].Split('|')))
        .ToDictionary(x => x.Item1, x => x.Item2);

    public IReadOnlyList<Qpv> Qpvs() => Lire("qpv2024_paca.csv", r =>
    {
        var code = r["code_qp"];
        if (!Qpv.CodeValide(code)) throw new FormatException($"code QPV invalide « {code} »");
        var epci = r["epci_siren"];
        return new Qpv(code, r["nom_qp"],
            r["communes_insee"].Split('|').Select(CodeInsee.Create).ToList(),
            string.IsNullOrEmpty(epci) ? null : Siren.Create(epci));
    });

    public IReadOnlyDictionary<CodeInsee, (int[] ParPieces, int Total, int Individuels, int EnQpv, int[] ParEpoque, int DpeAbc, int DpeFg)> ParcRpls2019() =>
        Lire("rpls2019_communes.csv", r => (
            Code: CodeInsee.Create(r["code_insee"]),
            Valeur: (
                new[] { Entier(r, "nb_1p"), Entier(r, "nb_2p"), Entier(r, "nb_3p"), Entier(r, "nb_4p"), Entier(r, "nb_5p_plus") },
                Entier(r, "nb_ls"), Entier(r, "nb_individuel"), Entier(r, "nb_en_qpv"),
                new[] { Entier(r, "nb_construits_av1949"), Entier(r, "nb_construits_1949_1974"), Entier(r, "nb_construits_1975_1989"), Entier(r, "nb_construits_1990_2004"), Entier(r, "nb_construits_2005_plus") },
                Entier(r, "nb_dpe_abc"), Entier(r, "nb_dpe_fg"))))
        .ToDictionary(x => x.Code, x => x.Valeur);

    /// <summary>Mean principal rent per m² of living area of an EPCI's social stock (RPLS 2019 indicator « loyer_m2 »).</summary>
    public decimal? LoyerM2(Siren epci) => Lire("rpls2019_indicateurs_epci.csv", r =>
            r["code_zone"] == epci.Value && r["variable"] == "loyer_m2"
                ? decimal.Parse(r["valeur"], CultureInfo.InvariantCulture) : (decimal?)null)
        .FirstOrDefault();

    public TextReader OuvrirPlafonds() => new StreamReader(Path.Combine(Dossier, "plafonds_ressources_logement_social_2020_2026.csv"));

    /// <summary>Every cell of the ceiling tables (PLAI, PLUS, PLS), or every malformed line of the file, in French.</summary>
    public Resultat<IReadOnlyList<LignePlafond>> LirePlafonds()
    {
        using var lecteur = OuvrirPlafonds();
        return LecteurPlafondsCsv.Lire(lecteur);
    }

    /// <summary>The ceiling tables checked for completeness (each year, financing and zone has its seven columns).</summary>
    public Resultat<BaremePlafonds> LireBaremePlafonds()
    {
        var lignes = LirePlafonds();
        return lignes.EstReussi ? BaremePlafonds.Creer(lignes.Valeur) : Resultat.Echec<BaremePlafonds>(lignes.Erreurs);
    }

    private static int Entier(CsvLecteur r, string colonne)
    {
        var s = r[colonne];
        return string.IsNullOrEmpty(s) ? 0 : (int)decimal.Parse(s, CultureInfo.InvariantCulture);
    }

    private List<T> Lire<T>(string fichier, Func<CsvLecteur, T?> projection)
    {
        var chemin = Path.Combine(Dossier, fichier);
        using var reader = new StreamReader(chemin);
        var csv = new CsvLecteur(reader);
        var resultat = new List<T>();
        while (csv.Lire())
        {
            try
            {
                if (projection(csv) is { } valeur) resultat.Add(valeur);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidDataException($"{fichier}, ligne {csv.Ligne} : {e.Message}", e);
            }
        }
        return resultat;
    }
}
