using Logis.Domain.Territoire;
using Logis.Persistence.Seed;

namespace Logis.Web.Infrastructure;

/// <summary>Section « Logis:Demo »: seed the demo territory on first start (on by default for the embedded demo).</summary>
public sealed class OptionsDemo
{
    public const string Section = "Logis:Demo";

    public bool SemerAuDemarrage { get; set; } = true;
    public string Epci { get; set; } = TerritoireSeeder.SirenTpm;
    public int Graine { get; set; } = 2026;

    /// <summary>Synthetic demands seeded with the territory (TPM order of magnitude by default; 0 for none).</summary>
    public int Demandes { get; set; } = Domain.Demandes.Synthese.GenerateurDemandes.VolumeTpm;

    /// <summary>A year of allocation history played through the use cases on first start (vacancies, CALEOL, offers, leases; docs/demo.md).</summary>
    public bool Historique { get; set; } = true;

    /// <summary>
    /// Seed in the background once the site listens, the site showing the progress until it is ready (<see cref="PreparationDemo"/>); false:
    /// seed before listening (the tests, which need the territory as soon as the app is built).
    /// </summary>
    public bool EnArrierePlan { get; set; } = true;

    public void Valider()
    {
        if (!Siren.TryCreate(Epci, out _))
            throw new InvalidOperationException($"Logis:Demo:Epci doit être un SIREN de 9 chiffres (reçu « {Epci} »).");
        if (Demandes is < 0 or > 1_000_000)
            throw new InvalidOperationException($"Logis:Demo:Demandes doit être compris entre 0 et 1 000 000 (reçu {Demandes}).");
    }
}
