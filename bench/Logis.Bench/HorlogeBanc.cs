using Logis.Application.Cotation;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Bench;

/// <summary>
/// The benchmarks' composition root for time: they run on the real clock (BenchmarkDotNet starts its own processes,
/// so the clock cannot be handed down from Program.cs). Exempted from the real-clock ban in .editorconfig.
/// </summary>
internal static class HorlogeBanc
{
    public static TimeProvider Reelle => TimeProvider.System;

    public static DateOnly Aujourdhui => Reelle.AujourdhuiEnFrance();

    /// <summary>The adopted grids of <c>data/grilles</c> on the real clock (the scorer of the acts measured).</summary>
    public static GrillesCotation Grilles(Siren epci) => GrillesCotation.Charger(GrillesCotation.TrouverDossier(), epci, Reelle);
}
