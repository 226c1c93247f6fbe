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

    public void Valider()
    {
        if (!Siren.TryCreate(Epci, out _))
            throw new InvalidOperationException($"Logis:Demo:Epci doit être un SIREN de 9 chiffres (reçu « {Epci} »).");
    }
}
