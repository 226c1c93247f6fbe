using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Domain.Patrimoine;

/// <summary>Financing of the dwelling (RPLS "financement initial"); drives the income ceiling that applies.</summary>
public enum Financement
{
    Plai = 1,
    Plus = 2,
    Pls = 3,
    Pli = 4,
}

/// <summary>Typology by number of main rooms (RPLS "nombre de pièces"): T1 … T6 meaning six rooms or more.</summary>
public enum Typologie
{
    T1 = 1,
    T2 = 2,
    T3 = 3,
    T4 = 4,
    T5 = 5,
    T6 = 6,
}

public enum ClasseEnergie
{
    A = 1,
    B,
    C,
    D,
    E,
    F,
    G,
}

public static class Typologies
{
    public static Typologie DepuisPieces(int pieces) =>
        pieces < 1 ? throw new ArgumentOutOfRangeException(nameof(pieces), "Un logement compte au moins une pièce.")
        : pieces >= 6 ? Typologie.T6 : (Typologie)pieces;

    public static string Libelle(this Typologie t) => t == Typologie.T6 ? "T6 et plus" : t.ToString();

    public static bool TryParse(string? s, out Typologie typologie)
    {
        typologie = default;
        if (s is null) return false;
        var v = s.Trim().ToUpperInvariant();
        if (v.StartsWith('T')) v = v[1..];
        if (v.EndsWith('+')) v = v[..^1];
        if (!int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || n > 6) return false;
        typologie = (Typologie)n;
        return true;
    }
}

public static class Financements
{
    public static string Libelle(this Financement f) => f switch
    {
        Financement.Plai => "PLAI",
        Financement.Plus => "PLUS",
        Financement.Pls => "PLS",
        Financement.Pli => "PLI",
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    public static bool TryParse(string? s, out Financement financement)
    {
        foreach (var f in Enum.GetValues<Financement>())
        {
            if (string.Equals(f.Libelle(), s?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                financement = f;
                return true;
            }
        }
        financement = default;
        return false;
    }
}

/// <summary>A building or group of buildings of one bailleur at one address (RPLS "programme").</summary>
public sealed record Residence(
    ResidenceId Id,
    string Nom,
    string Adresse,
    CodeInsee CommuneInsee,
    string? QpvCode,
    BailleurId BailleurId,
    int AnneeConstruction)
{
    public bool EnQpv => QpvCode is not null;
}

/// <summary>
/// A social dwelling with the RPLS fields Logis needs (arrêté du 5 janvier 2010, annex, as since evolved).
/// Built through <see cref="Creer"/>, which refuses impossible values.
/// </summary>
public sealed class Logement
{
    private Logement() { NumeroRpls = ""; }

    public LogementId Id { get; private set; }
    /// <summary>RPLS dwelling identifier, 10 characters.</summary>
    public string NumeroRpls { get; private set; }
    public ResidenceId ResidenceId { get; private set; }
    public BailleurId BailleurId { get; private set; }
    public CodeInsee CommuneInsee { get; private set; }
    public string? QpvCode { get; private set; }
    public int NombrePieces { get; private set; }
    public Typologie Typologie { get; private set; }
    public decimal SurfaceHabitable { get; private set; }
    /// <summary>0 = ground floor (rez-de-chaussée).</summary>
    public int Etage { get; private set; }
    public bool Ascenseur { get; private set; }
    /// <summary>Accessible to persons with reduced mobility (PMR).</summary>
    public bool AccessiblePmr { get; private set; }
    public bool Individuel { get; private set; }
    public Financement Financement { get; private set; }
    /// <summary>Monthly principal rent in euros.</summary>
    public decimal LoyerPrincipal { get; private set; }
    /// <summary>Monthly recoverable charges in euros.</summary>
    public decimal Charges { get; private set; }
    public ClasseEnergie? ClasseEnergie { get; private set; }

    public bool EnQpv => QpvCode is not null;

    public static Logement Creer(
        LogementId id, string numeroRpls, Residence residence, int nombrePieces, decimal surfaceHabitable,
        int etage, bool ascenseur, bool accessiblePmr, bool individuel, Financement financement,
        decimal loyerPrincipal, decimal charges, ClasseEnergie? classeEnergie)
    {
        if (string.IsNullOrWhiteSpace(numeroRpls) || numeroRpls.Length > 10)
            throw new ArgumentException("Le numéro RPLS compte au plus 10 caractères.", nameof(numeroRpls));
        if (nombrePieces is < 1 or > 20)
            throw new ArgumentOutOfRangeException(nameof(nombrePieces), "Le nombre de pièces doit être compris entre 1 et 20.");
        if (surfaceHabitable is <= 0 or > 500)
            throw new ArgumentOutOfRangeException(nameof(surfaceHabitable), "La surface habitable doit être comprise entre 0 et 500 m².");
        if (etage is < -1 or > 60)
            throw new ArgumentOutOfRangeException(nameof(etage), "L'étage doit être compris entre -1 et 60.");
        if (loyerPrincipal < 0 || charges < 0)
            throw new ArgumentOutOfRangeException(nameof(loyerPrincipal), "Le loyer et les charges ne peuvent pas être négatifs.");

        return new Logement
        {
            Id = id,
            NumeroRpls = numeroRpls,
            ResidenceId = residence.Id,
            BailleurId = residence.BailleurId,
            CommuneInsee = residence.CommuneInsee,
            QpvCode = residence.QpvCode,
            NombrePieces = nombrePieces,
            Typologie = Typologies.DepuisPieces(nombrePieces),
            SurfaceHabitable = surfaceHabitable,
            Etage = etage,
            Ascenseur = ascenseur,
            AccessiblePmr = accessiblePmr,
            Individuel = individuel,
            Financement = financement,
            LoyerPrincipal = loyerPrincipal,
            Charges = charges,
            ClasseEnergie = classeEnergie,
        };
    }
}
