using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Territoire;

namespace Logis.Domain.Patrimoine;

/// <summary>Published RPLS aggregate of one commune (RPLS au 1er janvier 2019) that the synthetic stock reproduces.</summary>
public sealed record ParcCommuneRpls(
    CodeInsee CodeInsee,
    string NomCommune,
    int NombreLogements,
    IReadOnlyList<int> ParPieces,
    int Individuels,
    int EnQpv,
    IReadOnlyList<int> ParEpoque,
    int DpeAbc,
    int DpeFg)
{
    /// <summary>Construction periods of <see cref="ParEpoque"/>: before 1949, 1949-1974, 1975-1989, 1990-2004, 2005 and later.</summary>
    public static readonly IReadOnlyList<(int Debut, int Fin)> Epoques = [(1920, 1948), (1949, 1974), (1975, 1989), (1990, 2004), (2005, 2018)];
}

/// <summary>A bailleur of the synthetic territory with its share of the stock (and its higher share inside QPV).</summary>
public sealed record PartBailleur(Bailleur Bailleur, double Part, double PartEnQpv);

/// <summary>Inputs of <see cref="GenerateurParc"/>: the communes of the EPCI and the assumptions of the calibration.</summary>
public sealed record ParametresParc(
    IReadOnlyList<ParcCommuneRpls> Communes,
    IReadOnlyDictionary<CodeInsee, IReadOnlyList<string>> QpvParCommune,
    IReadOnlyList<PartBailleur> Bailleurs,
    decimal LoyerMoyenM2,
    int Graine);

/// <summary>One generated residence and its dwellings.</summary>
public sealed record ResidenceGeneree(Residence Residence, IReadOnlyList<Logement> Logements);

/// <summary>
/// Builds a synthetic social-housing stock whose aggregates per commune are those of RPLS: exact
/// number of dwellings, exact distribution by number of rooms, exact count in QPV and of individual
/// houses; construction period and energy class follow the commune's distribution. Financing, rent
/// and surface follow documented assumptions (docs/adr/0004-parc-synthetique.md). Deterministic: the
/// same parameters always give the same stock, ids included.
/// </summary>
public static class GenerateurParc
{
    // Assumptions (not published per commune): share of each financing in the stock.
    private static readonly (Financement F, double Part, decimal FacteurLoyer)[] RepartitionFinancement =
        [(Financement.Plai, 0.12, 0.88m), (Financement.Plus, 0.72, 1.00m), (Financement.Pls, 0.12, 1.38m), (Financement.Pli, 0.04, 1.65m)];

    // Mean living area by number of rooms (m²), close to the national RPLS means.
    private static readonly decimal[] SurfaceMoyenne = [0m, 31m, 47m, 65m, 78m, 92m, 108m];

    private static readonly string[] NomsResidence =
    [
        "Les Pins", "Les Oliviers", "Les Mimosas", "Le Mistral", "Les Lauriers", "La Pinède", "Les Cigales", "Le Belvédère",
        "Les Tamaris", "La Bastide", "Les Restanques", "Le Clos Fleuri", "Les Amandiers", "La Roseraie", "Les Platanes",
        "Le Parc", "Les Jardins", "L'Horizon", "La Colline", "Les Lavandes", "Le Soleil", "Les Chênes", "La Source",
        "Les Calanques", "Le Phare", "Les Figuiers", "Le Vallon", "Les Genêts", "La Farigoulette", "Les Myrtes",
    ];

    private static readonly string[] Voies =
    [
        "avenue Jean Jaurès", "rue Victor Hugo", "boulevard de la République", "chemin des Vignes", "avenue Jean Moulin",
        "rue Pasteur", "avenue du Général de Gaulle", "rue des Écoles", "boulevard Gambetta", "chemin de la Colline",
        "rue Émile Zola", "avenue Aristide Briand", "allée des Pins", "rue de la Paix", "avenue des Lilas",
        "impasse des Oliviers", "chemin du Moulin", "boulevard Maréchal Foch", "rue Jules Ferry", "avenue de la Mer",
    ];

    public static IEnumerable<ResidenceGeneree> Generer(ParametresParc p)
    {
        var rng = new Random(p.Graine);
        var sequence = 0;
        foreach (var commune in p.Communes.OrderBy(c => c.CodeInsee.Value, StringComparer.Ordinal))
        {
            var qpvs = p.QpvParCommune.TryGetValue(commune.CodeInsee, out var q) ? q : [];
            // RPLS 2019 counts dwellings in the 2015 QPV; a commune without a 2024 QPV keeps them outside.
            var enQpv = qpvs.Count == 0 ? 0 : commune.EnQpv;
            var pieces = Melanger(PoolPieces(commune, rng), rng);
            var indexPiece = 0;
            var residenceNo = 0;

            // Three passes: individual houses, collective dwellings in QPV, collective dwellings outside.
            var aFaire = new (int Nombre, bool Individuel, bool EnQpv)[]
            {
                (Math.Min(commune.Individuels, commune.NombreLogements - enQpv), true, false),
                (enQpv, false, true),
                (commune.NombreLogements - enQpv - Math.Min(commune.Individuels, commune.NombreLogements - enQpv), false, false),
            };
            foreach (var (nombre, individuel, dansQpv) in aFaire)
            {
                var reste = nombre;
                while (reste > 0)
                {
                    var taille = Math.Min(reste, individuel ? rng.Next(4, 25) : rng.Next(18, 160));
                    reste -= taille;
                    residenceNo++;
                    var qpv = dansQpv ? qpvs[rng.Next(qpvs.Count)] : null;
                    var bailleur = ChoisirBailleur(p.Bailleurs, dansQpv, rng);
                    var annee = TirerAnnee(commune, rng);
                    var nom = $"{(individuel ? "Hameau" : "Résidence")} {NomsResidence[rng.Next(NomsResidence.Length)]}";
                    var residence = new Residence(
                        new ResidenceId(DeterministicGuid.From($"residence:{commune.CodeInsee}:{residenceNo}")),
                        residenceNo > NomsResidence.Length ? $"{nom} {residenceNo / NomsResidence.Length + 1}" : nom,
                        $"{rng.Next(1, 220)} {Voies[rng.Next(Voies.Length)]}, {commune.NomCommune}",
                        commune.CodeInsee, qpv, bailleur.Id, annee);

                    var etages = individuel ? 1 : rng.Next(3, 14);
                    var ascenseur = !individuel && (etages >= 5 || (annee >= 1990 && rng.NextDouble() < 0.6));
                    var logements = new List<Logement>(taille);
                    for (var i = 0; i < taille; i++)
                    {
                        sequence++;
                        var nbPieces = pieces[indexPiece++];
                        logements.Add(CreerLogement(commune, residence, sequence, nbPieces, individuel, etages, ascenseur, dansQpv, p.LoyerMoyenM2, rng));
                    }
                    yield return new ResidenceGeneree(residence, logements);
                }
            }
        }
    }

    private static Logement CreerLogement(ParcCommuneRpls commune, Residence residence, int sequence, int nbPieces,
        bool individuel, int etages, bool ascenseur, bool dansQpv, decimal loyerM2, Random rng)
    {
        var financement = TirerFinancement(residence.AnneeConstruction, rng);
        var surface = Math.Round(SurfaceMoyenne[nbPieces] * (decimal)(0.85 + rng.NextDouble() * 0.3), 1);
        var facteur = financement.FacteurLoyer * (dansQpv ? 0.92m : 1m) * (residence.AnneeConstruction >= 2005 ? 1.12m : 1m)
                      * (decimal)(0.9 + rng.NextDouble() * 0.2);
        var loyer = Math.Round(surface * loyerM2 * facteur, 2);
        var charges = Math.Round(surface * (decimal)(1.2 + rng.NextDouble() * 1.3), 2);
        var etage = individuel ? 0 : rng.Next(0, etages);
        var accessible = (etage == 0 || ascenseur) && residence.AnneeConstruction >= 2007 ? rng.NextDouble() < 0.7 : rng.NextDouble() < 0.08;
        var numero = $"{commune.CodeInsee.Departement.PadLeft(2, '0')[..2]}{sequence:D8}";
        return Logement.Creer(
            new LogementId(DeterministicGuid.From($"logement:{numero}")), numero, residence, nbPieces, surface, etage,
            ascenseur, accessible, individuel, financement.F, loyer, charges, TirerDpe(commune, rng));
    }

    private static int[] PoolPieces(ParcCommuneRpls commune, Random rng)
    {
        var pool = new List<int>(commune.NombreLogements);
        for (var i = 0; i < commune.ParPieces.Count; i++)
        {
            for (var k = 0; k < commune.ParPieces[i]; k++)
            {
                // RPLS gives "5 pièces et plus": about one in five of them has six rooms or more.
                pool.Add(i == 4 && rng.NextDouble() < 0.2 ? 6 : i + 1);
            }
        }
        // The per-room counts may not add up to the total (unknown room count): complete with T3.
        while (pool.Count < commune.NombreLogements) pool.Add(3);
        return pool.Take(commune.NombreLogements).ToArray();
    }

    private static T[] Melanger<T>(T[] items, Random rng)
    {
        rng.Shuffle(items);
        return items;
    }

    private static Bailleur ChoisirBailleur(IReadOnlyList<PartBailleur> bailleurs, bool enQpv, Random rng)
    {
        var total = bailleurs.Sum(b => enQpv ? b.PartEnQpv : b.Part);
        var x = rng.NextDouble() * total;
        foreach (var b in bailleurs)
        {
            x -= enQpv ? b.PartEnQpv : b.Part;
            if (x < 0) return b.Bailleur;
        }
        return bailleurs[^1].Bailleur;
    }

    private static int TirerAnnee(ParcCommuneRpls commune, Random rng)
    {
        var total = commune.ParEpoque.Sum();
        if (total == 0) return rng.Next(1960, 2015);
        var x = rng.Next(total);
        for (var i = 0; i < commune.ParEpoque.Count; i++)
        {
            x -= commune.ParEpoque[i];
            if (x < 0)
            {
                var (debut, fin) = ParcCommuneRpls.Epoques[i];
                return rng.Next(debut, fin + 1);
            }
        }
        return 1970;
    }

    private static (Financement F, double Part, decimal FacteurLoyer) TirerFinancement(int annee, Random rng)
    {
        // PLAI and PLS exist since 1990 and 2001: older buildings are PLUS (ex-HLM/O, PLA) or PLI.
        var x = rng.NextDouble();
        if (annee < 1990) return x < 0.95 ? RepartitionFinancement[1] : RepartitionFinancement[3];
        foreach (var r in RepartitionFinancement)
        {
            x -= r.Part;
            if (x < 0) return r;
        }
        return RepartitionFinancement[1];
    }

    private static ClasseEnergie? TirerDpe(ParcCommuneRpls commune, Random rng)
    {
        if (commune.NombreLogements == 0) return null;
        var x = rng.NextDouble();
        var abc = (double)commune.DpeAbc / commune.NombreLogements;
        var fg = (double)commune.DpeFg / commune.NombreLogements;
        if (x < abc) return (ClasseEnergie)rng.Next(1, 4);
        if (x < abc + fg) return (ClasseEnergie)rng.Next(6, 8);
        if (x < 0.9) return rng.NextDouble() < 0.6 ? ClasseEnergie.D : ClasseEnergie.E;
        return null; // DPE inconnu
    }
}
